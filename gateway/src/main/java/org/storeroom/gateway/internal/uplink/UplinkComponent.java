package org.storeroom.gateway.internal.uplink;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.storeroom.gateway.api.CommandHandler;
import org.storeroom.gateway.api.HealthCheck;
import org.storeroom.gateway.internal.audit.AuditTrail;
import org.storeroom.gateway.api.Outbox;
import org.storeroom.gateway.api.Store;
import org.storeroom.gateway.api.StoreException;
import org.storeroom.gateway.api.SubsystemHealth;

/**
 * The uplink: the outbox every subsystem records into, and the publisher that drains it to the central
 * broker. Without configuration the outbox still records (nothing is lost while the broker is unknown);
 * a configuration change reconnects without taking the outbox away from its users.
 */
@Component(name = UplinkComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {Outbox.class, HealthCheck.class, ConfigurableComponent.class}, immediate = true)
@Designate(ocd = UplinkConfig.class)
public final class UplinkComponent implements Outbox, HealthCheck, ConfigurableComponent {
    static final String PID = "org.storeroom.gateway.uplink";
    private static final Logger LOG = LoggerFactory.getLogger(UplinkComponent.class);

    private final Store store;
    private final OutboxTable outbox;
    private final AuditTrail audit;
    private final String version;
    private final Map<String, CommandDispatcher.Handler> handlers = new ConcurrentHashMap<>();
    private volatile CommandDispatcher commands;
    private volatile MqttPublisher publisher;

    @Activate
    public UplinkComponent(@Reference Store store, UplinkConfig config, BundleContext context) throws StoreException {
        this(store, UplinkSettings.from(config), context.getBundle().getVersion().toString());
        LOG.info("uplink ready: {} ({} messages waiting, last seq {})", publisherSettings, outbox.queued(), outbox.lastSeq());
    }

    private UplinkSettings publisherSettings;

    private UplinkComponent(Store store, UplinkSettings settings, String version) throws StoreException {
        this.store = store;
        this.version = version;
        this.outbox = OutboxTable.open(store, settings.outboxCapacity(), Clock.systemUTC());
        // The uplink writes its own audit entries (commands) through the same chain as everyone else.
        this.audit = new AuditTrail(store, outbox, Clock.systemUTC());
        start(settings);
    }

    private void start(UplinkSettings settings) {
        publisherSettings = settings;
        commands = new CommandDispatcher(store, outbox, audit, name -> Optional.ofNullable(handlers.get(name)), settings,
                Clock.systemUTC());
        CommandDispatcher c = commands;
        publisher = new MqttPublisher(outbox, settings, version, Clock.systemUTC(), c::submit).start();
    }

    /** A subsystem's command handler, registered with the command's name. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCommandHandler(CommandHandler h, Map<String, Object> props) {
        Object name = props.get(CommandHandler.NAME);
        if (name instanceof String n && !n.isBlank()) {
            handlers.put(n, new CommandDispatcher.Handler(h, Boolean.TRUE.equals(props.get(CommandHandler.MOTION))
                    || "true".equals(props.get(CommandHandler.MOTION))));
        } else {
            LOG.warn("a command handler without a {} property is ignored: {}", CommandHandler.NAME, h);
        }
    }

    /** Registers a command handler outside OSGi (tools, tests); {@code motion} as {@link CommandHandler#MOTION}. */
    public void handle(String name, CommandHandler h, boolean motion) {
        handlers.put(name, new CommandDispatcher.Handler(h, motion));
    }

    void removeCommandHandler(CommandHandler h, Map<String, Object> props) {
        handlers.values().removeIf(x -> x.handler() == h);
    }

    /**
     * An uplink outside OSGi, for tools, benchmarks and tests on loopback: plain TCP to {@code brokerUrl}
     * (empty: record only), reconnecting within 100..2000 ms, every other setting at its default but the window.
     */
    public static UplinkComponent open(Store store, String brokerUrl, String site, String room, int inflightWindow)
            throws StoreException {
        return new UplinkComponent(store, UplinkSettings.plain(brokerUrl, site, room).withInflight(inflightWindow)
                .withReconnect(100, 2000), "standalone");
    }

    @Modified
    void modified(UplinkConfig config) {
        UplinkSettings settings = UplinkSettings.from(config);
        publisher.close();
        commands.close();
        start(settings);
        LOG.info("uplink reconfigured: {}", settings);
    }

    @Override
    public long event(Connection tx, String type, Object data) throws SQLException {
        return outbox.event(tx, type, data);
    }

    @Override
    public long message(Connection tx, String topic, Object payload) throws SQLException {
        return outbox.message(tx, topic, payload);
    }

    @Override
    public boolean pending(Connection tx, long seq) throws SQLException {
        return outbox.pending(tx, seq);
    }

    @Override
    public String subsystem() {
        return "uplink";
    }

    @Override
    public SubsystemHealth check() {
        SubsystemHealth h = publisher.health();
        Map<String, Object> details = new java.util.LinkedHashMap<>(h.details());
        details.putAll(commands.counters());
        details.put("commandHandlers", new java.util.TreeSet<>(handlers.keySet()));
        return new SubsystemHealth(h.status(), h.summary(), details);
    }

    @Deactivate
    public void close() {
        publisher.close();
        commands.close();
    }
}
