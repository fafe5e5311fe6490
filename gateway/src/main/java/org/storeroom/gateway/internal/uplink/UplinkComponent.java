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
import org.storeroom.gateway.api.HealthCheck;
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

    private final OutboxTable outbox;
    private final String version;
    private volatile MqttPublisher publisher;

    @Activate
    public UplinkComponent(@Reference Store store, UplinkConfig config, BundleContext context) throws StoreException {
        UplinkSettings settings = UplinkSettings.from(config);
        this.version = context.getBundle().getVersion().toString();
        this.outbox = OutboxTable.open(store, settings.outboxCapacity(), Clock.systemUTC());
        this.publisher = new MqttPublisher(outbox, settings, version, Clock.systemUTC()).start();
        LOG.info("uplink ready: {} ({} messages waiting, last seq {})", settings, outbox.queued(), outbox.lastSeq());
    }

    private UplinkComponent(Store store, UplinkSettings settings, String version) throws StoreException {
        this.version = version;
        this.outbox = OutboxTable.open(store, settings.outboxCapacity(), Clock.systemUTC());
        this.publisher = new MqttPublisher(outbox, settings, version, Clock.systemUTC()).start();
    }

    /**
     * An uplink outside OSGi, for tools and benchmarks: plain TCP to {@code brokerUrl}, every other setting
     * at its default but the window.
     */
    public static UplinkComponent open(Store store, String brokerUrl, String site, String room, int inflightWindow)
            throws StoreException {
        return new UplinkComponent(store, UplinkSettings.plain(brokerUrl, site, room).withInflight(inflightWindow), "standalone");
    }

    @Modified
    void modified(UplinkConfig config) {
        UplinkSettings settings = UplinkSettings.from(config);
        publisher.close();
        publisher = new MqttPublisher(outbox, settings, version, Clock.systemUTC()).start();
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
    public String subsystem() {
        return "uplink";
    }

    @Override
    public SubsystemHealth check() {
        return publisher.health();
    }

    @Deactivate
    public void close() {
        publisher.close();
    }
}
