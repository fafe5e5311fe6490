package org.storeroom.runtime;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.log.LogReaderService;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway running in an Apache Felix framework: Declarative Services, ConfigAdmin, metatype, the
 * Log Service, the HTTP whiteboard (Jetty) and the store room bundles, configured through ConfigAdmin.
 */
public final class GatewayRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayRuntime.class);

    /**
     * Packages the launcher shares with the bundles through the system bundle, so that both sides use
     * the same classes: logging, and the OSGi service APIs the launcher calls (ConfigAdmin to push the
     * configuration, the DS runtime to report components, the Log Service to forward its entries).
     */
    static final String SHARED_PACKAGES = String.join(",",
            "org.slf4j;version=1.7.36", "org.slf4j.spi;version=1.7.36", "org.slf4j.helpers;version=1.7.36",
            "org.slf4j.event;version=1.7.36", "org.slf4j.bridge;version=1.7.36",
            "org.osgi.service.cm;version=1.6.1",
            "org.osgi.service.component;version=1.5.1", "org.osgi.service.component.runtime;version=1.5.1",
            "org.osgi.service.component.runtime.dto;version=1.5.1",
            "org.osgi.service.log;version=1.5.0", "org.osgi.service.log.admin;version=1.0.0",
            "org.osgi.util.promise;version=1.3.0", "org.osgi.util.function;version=1.2.0");

    /** Marks configurations the launcher pushed, so it can remove them when they are no longer pushed. */
    static final String SOURCE = "storeroom.source";
    private static final String LAUNCHER = "launcher";
    private static final String CONFIG_ADMIN_BSN = "org.apache.felix.configadmin";
    /** Started before the others so that what they log from their first moment reaches the log. */
    private static final String LOG_SERVICE_BSN = "org.apache.felix.log";

    private final Framework framework;
    private final URI url;
    private final ServiceTracker<LogReaderService, LogReaderService> logReaders;

    private GatewayRuntime(Framework framework, URI url, ServiceTracker<LogReaderService, LogReaderService> logReaders) {
        this.framework = framework;
        this.url = url;
        this.logReaders = logReaders;
    }

    /** Where to start the gateway and what to tell its components. */
    record Settings(DataDirectory data, HttpAddress http, Map<String, Map<String, Object>> configuration,
            Duration readyTimeout) {
    }

    /**
     * Starts the framework and every bundle, pushes the configuration, and returns once the HTTP API
     * answers. On failure the framework is stopped again.
     */
    static GatewayRuntime start(Settings settings) throws StartupException {
        List<EmbeddedBundles.Jar> jars = EmbeddedBundles.list();
        Map<String, Object> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, settings.data().frameworkCache().toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, SHARED_PACKAGES);
        props.put("felix.log.logger", new LogBridges.Framework());
        props.put("felix.log.level", "2");
        props.put("felix.cm.dir", settings.data().configStore().toString());
        props.put("ds.loglevel", "warn");
        props.put("org.osgi.service.http.port", String.valueOf(settings.http().port()));
        props.put("org.apache.felix.http.host", settings.http().host());
        props.put("org.apache.felix.http.jetty.sendServerHeader", "false");
        props.put("org.apache.felix.http.name", "storeroom");
        @SuppressWarnings({"unchecked", "rawtypes"})
        Framework fw = new FrameworkFactory().newFramework((Map) props);
        try {
            fw.init();
            BundleContext ctx = fw.getBundleContext();
            List<Bundle> bundles = new ArrayList<>();
            for (EmbeddedBundles.Jar jar : jars) {
                try {
                    bundles.add(ctx.installBundle("storeroom:bundles/" + jar.name(), jar.open()));
                } catch (BundleException e) {
                    throw StartupException.failed("bundle " + jar.name() + " cannot be installed: " + e.getMessage(), e);
                }
            }
            fw.start();
            ServiceTracker<LogReaderService, LogReaderService> logReaders = trackLogService(ctx);
            Bundle log = embedded(bundles, LOG_SERVICE_BSN);
            Bundle cm = embedded(bundles, CONFIG_ADMIN_BSN);
            startBundle(log);
            startBundle(cm);
            pushConfiguration(ctx, settings.configuration());
            for (Bundle b : bundles) {
                if (b != cm && b != log && !isFragment(b)) {
                    startBundle(b);
                }
            }
            URI url = awaitHttp(ctx, settings.readyTimeout());
            LOG.info("gateway started: {} bundles, serving {}", bundles.size(), url);
            return new GatewayRuntime(fw, url, logReaders);
        } catch (BundleException e) {
            stopQuietly(fw);
            throw StartupException.failed("the OSGi framework cannot start: " + e.getMessage(), e);
        } catch (StartupException | RuntimeException e) {
            stopQuietly(fw);
            throw e;
        }
    }

    private static Bundle embedded(List<Bundle> bundles, String symbolicName) throws StartupException {
        return bundles.stream().filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst()
                .orElseThrow(() -> StartupException.failed(symbolicName + " is not among the embedded bundles", null));
    }

    private static ServiceTracker<LogReaderService, LogReaderService> trackLogService(BundleContext ctx) {
        ServiceTracker<LogReaderService, LogReaderService> t = new ServiceTracker<>(ctx, LogReaderService.class, null) {
            @Override
            public LogReaderService addingService(ServiceReference<LogReaderService> ref) {
                LogReaderService reader = super.addingService(ref);
                reader.addLogListener(LogBridges.LOG_SERVICE);
                return reader;
            }
        };
        t.open();
        return t;
    }

    private static boolean isFragment(Bundle b) {
        return (b.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    private static void startBundle(Bundle b) throws StartupException {
        try {
            b.start();
        } catch (BundleException e) {
            throw StartupException.failed("bundle " + b.getSymbolicName() + " " + b.getVersion() + " cannot start: "
                    + e.getMessage().replaceAll("\\s+", " "), e);
        }
    }

    /**
     * Writes each PID's properties into ConfigAdmin (unchanged ones are left alone, so components are
     * not restarted for nothing) and deletes what an earlier start pushed but this one does not.
     */
    private static void pushConfiguration(BundleContext ctx, Map<String, Map<String, Object>> configuration)
            throws StartupException {
        ServiceReference<ConfigurationAdmin> ref = ctx.getServiceReference(ConfigurationAdmin.class);
        if (ref == null) {
            throw StartupException.failed("ConfigAdmin did not register its service", null);
        }
        ConfigurationAdmin cm = ctx.getService(ref);
        try {
            Configuration[] earlier = cm.listConfigurations("(" + SOURCE + "=" + LAUNCHER + ")");
            for (Configuration c : earlier == null ? new Configuration[0] : earlier) {
                if (!configuration.containsKey(c.getPid())) {
                    LOG.info("configuration {} is no longer given: removed", c.getPid());
                    c.delete();
                }
            }
            for (Map.Entry<String, Map<String, Object>> e : configuration.entrySet()) {
                Hashtable<String, Object> d = new Hashtable<>(e.getValue());
                d.put(SOURCE, LAUNCHER);
                Configuration c = cm.getConfiguration(e.getKey(), "?");
                if (c.updateIfDifferent(d)) {
                    LOG.info("configuration {} set", e.getKey());
                }
            }
        } catch (IOException | InvalidSyntaxException e) {
            throw StartupException.failed("cannot write the configuration: " + e.getMessage(), e);
        } finally {
            ctx.ungetService(ref);
        }
    }

    /** Waits until the HTTP whiteboard publishes its endpoint and the health route answers there. */
    private static URI awaitHttp(BundleContext ctx, Duration timeout) throws StartupException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ServiceTracker<Object, Object> runtimes;
        try {
            runtimes = new ServiceTracker<>(ctx, ctx.createFilter(
                    "(&(objectClass=org.osgi.service.http.runtime.HttpServiceRuntime)(osgi.http.endpoint=*))"), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        runtimes.open();
        try {
            if (runtimes.waitForService(timeout.toMillis()) == null) {
                throw StartupException.failed("the HTTP service did not start within " + timeout.toSeconds() + " s", null);
            }
            URI base = URI.create(endpoint(runtimes.getServiceReference().getProperty("osgi.http.endpoint")));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest health = HttpRequest.newBuilder(base.resolve("api/v1/health")).timeout(Duration.ofSeconds(5)).build();
            String last = "no answer";
            while (System.nanoTime() < deadline) {
                try {
                    HttpResponse<String> r = http.send(health, HttpResponse.BodyHandlers.ofString());
                    if ((r.statusCode() == 200 || r.statusCode() == 503) && r.body().contains("\"subsystems\"")) {
                        return base;
                    }
                    last = "HTTP " + r.statusCode();
                } catch (IOException e) {
                    last = e.toString();
                }
                // The health servlet registers asynchronously after its bundle starts: ask again shortly.
                TimeUnit.MILLISECONDS.sleep(50);
            }
            throw StartupException.failed("the API at " + base + " did not answer within " + timeout.toSeconds()
                    + " s (" + last + ")", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StartupException.failed("interrupted while waiting for the HTTP API", e);
        } finally {
            runtimes.close();
        }
    }

    private static String endpoint(Object property) {
        Object first = property;
        if (property instanceof String[] a && a.length > 0) {
            first = a[0];
        } else if (property instanceof Collection<?> c && !c.isEmpty()) {
            first = c.iterator().next();
        }
        String s = String.valueOf(first);
        return s.endsWith("/") ? s : s + "/";
    }

    /** @return the base URL of the panel and API, e.g. {@code http://127.0.0.1:8080/} */
    public URI url() {
        return url;
    }

    /** @return the framework's bundles, the system bundle first. */
    public List<Bundle> bundles() {
        return List.of(framework.getBundleContext().getBundles());
    }

    /**
     * @return one line per Declarative Services component that is not active or satisfied (failed to
     *         activate, missing reference or configuration, disabled); empty when all are well
     */
    public List<String> componentProblems() {
        BundleContext ctx = framework.getBundleContext();
        ServiceReference<ServiceComponentRuntime> ref = ctx.getServiceReference(ServiceComponentRuntime.class);
        if (ref == null) {
            return List.of("Declarative Services is not running");
        }
        ServiceComponentRuntime scr = ctx.getService(ref);
        try {
            List<String> problems = new ArrayList<>();
            for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
                if (!scr.isComponentEnabled(d)) {
                    problems.add(d.name + ": disabled");
                    continue;
                }
                Collection<ComponentConfigurationDTO> configs = scr.getComponentConfigurationDTOs(d);
                if (configs.isEmpty()) {
                    problems.add(d.name + ": waiting for its configuration (" + d.configurationPid[0] + ")");
                }
                for (ComponentConfigurationDTO c : configs) {
                    switch (c.state) {
                        case ComponentConfigurationDTO.ACTIVE, ComponentConfigurationDTO.SATISFIED -> { }
                        case ComponentConfigurationDTO.FAILED_ACTIVATION -> problems.add(d.name + ": failed to activate: " + c.failure);
                        case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> problems.add(d.name + ": missing "
                                + java.util.Arrays.stream(c.unsatisfiedReferences).map(u -> u.name).toList());
                        default -> problems.add(d.name + ": not satisfied (state " + c.state + ")");
                    }
                }
            }
            return problems;
        } finally {
            ctx.ungetService(ref);
        }
    }

    /** @return the bundles that are not active (fragments excepted). */
    public List<String> inactiveBundles() {
        List<String> inactive = new ArrayList<>();
        for (Bundle b : bundles()) {
            if (b.getState() != Bundle.ACTIVE && !isFragment(b)) {
                inactive.add(b.getSymbolicName() + " " + b.getVersion() + " is " + stateName(b.getState()));
            }
        }
        return inactive;
    }

    private static String stateName(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "installed but not resolved";
            case Bundle.RESOLVED -> "resolved but not started";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            case Bundle.UNINSTALLED -> "uninstalled";
            default -> "in state " + state;
        };
    }

    /** @return a service of the framework, for tests and diagnostics. */
    <T> T service(Class<T> type) {
        BundleContext ctx = framework.getBundleContext();
        ServiceReference<T> ref = ctx.getServiceReference(type);
        return ref == null ? null : ctx.getService(ref);
    }

    /** Stops every bundle and the framework, waiting up to 30 s. */
    public void stop() {
        logReaders.close();
        stopQuietly(framework);
        LOG.info("gateway stopped");
    }

    /** Blocks until the framework has stopped. */
    public void awaitStop() throws InterruptedException {
        framework.waitForStop(0);
    }

    private static void stopQuietly(Framework fw) {
        try {
            fw.stop();
            fw.waitForStop(30_000);
        } catch (BundleException | InterruptedException e) {
            LOG.warn("the framework did not stop cleanly: {}", e.toString());
        }
    }
}
