package org.storeroom.kura.dp;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.deploymentadmin.BundleInfo;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentPackage;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Runs in its own JVM with one OSGi framework on its class path (Felix, or Equinox as Kura runs it):
 * installs the environment bundles (what Kura provides), then installs the deployment package with
 * Deployment Admin, seeds each component's configuration from its metatype defaults as Kura's
 * configuration service does, checks that every bundle is active, every component satisfied and every
 * configurable component registered for Kura; then updates to a newer package and uninstalls it.
 *
 * <p>Prints {@code CHECK name: ok} or {@code FAIL name: why} per step; exits 1 on any failure.
 * Arguments: {@code WORK_DIR DP DP_NEWER ENV_DIR...}
 */
public final class InstallHarness {
    /**
     * APIs the harness calls, exported by the system bundle so that both sides share the classes. The
     * Declarative Services API version follows the SCR of the environment (1.4 for Kura's SCR 2.1, 1.5
     * for SCR 2.2), given as system property {@code harness.ds}.
     */
    static String shared(String ds) {
        return String.join(",", "org.osgi.service.component;version=" + ds,
                "org.osgi.service.component.runtime;version=" + ds, "org.osgi.service.component.runtime.dto;version=" + ds,
                SHARED);
    }

    static final String SHARED = String.join(",",
            "org.osgi.service.cm;version=1.6.1",
            "org.osgi.service.metatype;version=1.4.0",
            "org.osgi.service.deploymentadmin;version=1.1.0",
            "org.osgi.util.promise;version=1.3.0", "org.osgi.util.function;version=1.2.0");
    private static final String KURA_CONFIGURABLE = "org.eclipse.kura.configuration.ConfigurableComponent";
    private static final String OURS = "org.storeroom.";

    private final List<String> failures = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        InstallHarness h = new InstallHarness();
        try {
            h.run(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), List.of(args).subList(3, args.length));
        } catch (Exception | LinkageError e) {
            h.fail("harness", e.toString());
            e.printStackTrace(System.out);
        }
        System.out.println(h.failures.isEmpty() ? "RESULT ok" : "RESULT failed: " + h.failures);
        System.out.flush();
        Runtime.getRuntime().halt(h.failures.isEmpty() ? 0 : 1);
    }

    private void check(String name, String problem) {
        if (problem == null || problem.isEmpty()) {
            System.out.println("CHECK " + name + ": ok");
        } else {
            fail(name, problem);
        }
    }

    private void fail(String name, String problem) {
        failures.add(name);
        System.out.println("FAIL " + name + ": " + problem);
    }

    private void run(Path work, Path dp, Path newer, List<String> envDirs) throws Exception {
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).iterator().next();
        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, work.resolve("cache").toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, shared(System.getProperty("harness.ds", "1.4.0")));
        props.put("felix.cm.dir", work.resolve("cm").toString());
        props.put("org.osgi.service.http.port", "0");
        props.put("org.apache.felix.http.host", "127.0.0.1");
        Framework fw = factory.newFramework(props);
        fw.init();
        fw.start();
        BundleContext ctx = fw.getBundleContext();
        System.out.println("framework " + fw.getSymbolicName() + " " + fw.getVersion() + " on Java " + System.getProperty("java.version"));
        try {
            environment(ctx, envDirs);
            DeploymentAdmin da = await(ctx, DeploymentAdmin.class);

            DeploymentPackage first;
            try (InputStream in = Files.newInputStream(dp)) {
                first = da.installDeploymentPackage(in);
            }
            check("install", "storeroom".equals(first.getName()) ? null : "installed package is " + first.getName());
            Set<String> pids = seedFromMetatype(ctx, first);
            check("metatype pids", pids.isEmpty() ? "no component of the package has a metatype" : null);
            verify(ctx, first, pids, "after install");

            DeploymentPackage second;
            try (InputStream in = Files.newInputStream(newer)) {
                second = da.installDeploymentPackage(in);
            }
            check("update version", second.getVersion().compareTo(first.getVersion()) > 0 ? null
                    : "version " + second.getVersion() + " is not newer than " + first.getVersion());
            List<String> stale = new ArrayList<>();
            for (BundleInfo info : second.getBundleInfos()) {
                Bundle b = second.getBundle(info.getSymbolicName());
                if (b == null || !b.getVersion().equals(info.getVersion())) {
                    stale.add(info.getSymbolicName() + " is " + (b == null ? "missing" : b.getVersion()) + ", package says " + info.getVersion());
                }
            }
            check("update bundles", stale.isEmpty() ? null : stale.toString());
            verify(ctx, second, pids, "after update");

            Set<String> packaged = new TreeSet<>();
            for (BundleInfo info : second.getBundleInfos()) {
                packaged.add(info.getSymbolicName());
            }
            second.uninstall();
            check("uninstall", second.isStale() ? null : "the package is not stale after uninstall");
            List<String> left = new ArrayList<>();
            for (Bundle b : ctx.getBundles()) {
                if (packaged.contains(b.getSymbolicName())) {
                    left.add(b.getSymbolicName() + " " + b.getVersion());
                }
            }
            check("uninstall removes every bundle", left.isEmpty() ? null : "still installed: " + left);
            check("uninstall leaves the environment running", inactive(ctx, b -> true).isEmpty() ? null
                    : "inactive: " + inactive(ctx, b -> true));
            check("no package left", da.listDeploymentPackages().length == 0 ? null
                    : da.listDeploymentPackages().length + " packages still listed");
        } finally {
            fw.stop();
            fw.waitForStop(30_000);
        }
    }

    private void environment(BundleContext ctx, List<String> dirs) throws Exception {
        List<Bundle> installed = new ArrayList<>();
        for (String dir : dirs) {
            try (Stream<Path> s = Files.list(Path.of(dir))) {
                for (Path jar : s.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                    try (InputStream in = Files.newInputStream(jar)) {
                        installed.add(ctx.installBundle("env:" + jar.getFileName(), in));
                    }
                }
            }
        }
        List<String> problems = new ArrayList<>();
        for (Bundle b : installed) {
            if ((b.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) == 0) {
                try {
                    b.start();
                } catch (Exception e) {
                    problems.add(b.getSymbolicName() + ": " + e.getMessage());
                }
            }
        }
        check("environment starts", problems.isEmpty() ? null : problems.toString());
    }

    /** What Kura's configuration service does for a new bundle: a configuration from the metatype defaults. */
    private Set<String> seedFromMetatype(BundleContext ctx, DeploymentPackage dp) throws Exception {
        MetaTypeService metatype = await(ctx, MetaTypeService.class);
        ConfigurationAdmin cm = await(ctx, ConfigurationAdmin.class);
        Set<String> pids = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (BundleInfo info : dp.getBundleInfos()) {
            Bundle b = dp.getBundle(info.getSymbolicName());
            if (!b.getSymbolicName().startsWith(OURS)) {
                continue;
            }
            MetaTypeInformation mti = metatype.getMetaTypeInformation(b);
            if (mti == null) {
                problems.add(b.getSymbolicName() + ": the metatype service knows nothing of it");
                continue;
            }
            for (String pid : mti.getPids()) {
                pids.add(pid);
                ObjectClassDefinition ocd = mti.getObjectClassDefinition(pid, null);
                if (!pid.equals(ocd.getID())) {
                    problems.add(pid + ": OCD id is " + ocd.getID());
                }
                Hashtable<String, Object> config = new Hashtable<>();
                for (AttributeDefinition ad : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
                    String where = pid + "." + ad.getID();
                    if (ad.getName() == null || ad.getName().isBlank() || ad.getDescription() == null || ad.getDescription().isBlank()) {
                        problems.add(where + ": no name or description for the configuration screen");
                    }
                    String[] defaults = ad.getDefaultValue();
                    if (defaults == null) {
                        if (ad.getCardinality() == 0) {
                            problems.add(where + ": no default");
                        }
                        continue;
                    }
                    for (String d : defaults) {
                        String invalid = ad.validate(d);
                        if (invalid != null && !invalid.isEmpty()) {
                            problems.add(where + ": default '" + d + "' fails its own definition: " + invalid);
                        }
                    }
                    config.put(ad.getID(), typed(ad, defaults));
                }
                config.put("kura.service.pid", pid);
                cm.getConfiguration(pid, "?").update(config);
            }
        }
        check("metatype validates", problems.isEmpty() ? null : problems.toString());
        return pids;
    }

    private static Object typed(AttributeDefinition ad, String[] values) {
        List<Object> out = new ArrayList<>();
        for (String v : values) {
            out.add(switch (ad.getType()) {
                case AttributeDefinition.INTEGER -> Integer.valueOf(v);
                case AttributeDefinition.LONG -> Long.valueOf(v);
                case AttributeDefinition.BOOLEAN -> Boolean.valueOf(v);
                case AttributeDefinition.DOUBLE -> Double.valueOf(v);
                case AttributeDefinition.FLOAT -> Float.valueOf(v);
                default -> v;
            });
        }
        if (ad.getCardinality() == 0) {
            return out.isEmpty() ? "" : out.get(0);
        }
        return switch (ad.getType()) {
            case AttributeDefinition.INTEGER -> out.toArray(new Integer[0]);
            case AttributeDefinition.LONG -> out.toArray(new Long[0]);
            case AttributeDefinition.BOOLEAN -> out.toArray(new Boolean[0]);
            case AttributeDefinition.DOUBLE -> out.toArray(new Double[0]);
            default -> out.stream().map(String::valueOf).toArray(String[]::new);
        };
    }

    private void verify(BundleContext ctx, DeploymentPackage dp, Set<String> pids, String when) throws Exception {
        Set<String> packaged = new TreeSet<>();
        for (BundleInfo info : dp.getBundleInfos()) {
            packaged.add(info.getSymbolicName());
        }
        check("every bundle active " + when, inactive(ctx, b -> packaged.contains(b.getSymbolicName())).isEmpty() ? null
                : "inactive: " + inactive(ctx, b -> packaged.contains(b.getSymbolicName())));
        ServiceComponentRuntime scr = await(ctx, ServiceComponentRuntime.class);
        List<String> problems = componentProblems(scr);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!problems.isEmpty() && System.nanoTime() < deadline) {
            // Components activate asynchronously once their configuration arrives.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            problems = componentProblems(scr);
        }
        check("every component satisfied " + when, problems.isEmpty() ? null : problems.toString());
        Set<String> registered = configurablePids(ctx);
        while (!registered.containsAll(pids) && System.nanoTime() < deadline) {
            // The seeded configuration reaches a running component's service properties asynchronously.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            registered = configurablePids(ctx);
        }
        check("configurable components visible to Kura " + when, registered.containsAll(pids) ? null
                : "registered with service.pid: " + registered + ", expected " + pids);
    }

    private static Set<String> configurablePids(BundleContext ctx) throws Exception {
        Set<String> registered = new TreeSet<>();
        ServiceReference<?>[] refs = ctx.getAllServiceReferences(KURA_CONFIGURABLE, null);
        for (ServiceReference<?> r : refs == null ? new ServiceReference<?>[0] : refs) {
            registered.add(String.valueOf(r.getProperty(Constants.SERVICE_PID)));
        }
        return registered;
    }

    private static List<String> componentProblems(ServiceComponentRuntime scr) {
        List<String> problems = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (!d.bundle.symbolicName.startsWith(OURS)) {
                continue;
            }
            var configs = scr.getComponentConfigurationDTOs(d);
            if (configs.isEmpty()) {
                problems.add(d.name + ": no configuration");
            }
            for (ComponentConfigurationDTO c : configs) {
                if (c.state != ComponentConfigurationDTO.ACTIVE && c.state != ComponentConfigurationDTO.SATISFIED) {
                    problems.add(d.name + ": state " + c.state + (c.failure == null ? "" : " " + c.failure));
                }
            }
        }
        return problems;
    }

    private static List<String> inactive(BundleContext ctx, java.util.function.Predicate<Bundle> which) {
        List<String> out = new ArrayList<>();
        for (Bundle b : ctx.getBundles()) {
            boolean fragment = (b.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
            if (which.test(b) && !fragment && b.getState() != Bundle.ACTIVE) {
                out.add(b.getSymbolicName() + " (state " + b.getState() + ")");
            }
        }
        return out;
    }

    private static <T> T await(BundleContext ctx, Class<T> type) throws InterruptedException {
        org.osgi.util.tracker.ServiceTracker<T, T> t = new org.osgi.util.tracker.ServiceTracker<>(ctx, type, null);
        t.open();
        T s = t.waitForService(20_000);
        if (s == null) {
            throw new IllegalStateException(type.getName() + " is not available within 20 s");
        }
        return s;
    }
}
