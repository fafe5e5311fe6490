package org.storeroom.gateway.internal.http;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.osgi.service.metatype.annotations.Designate;
import org.storeroom.gateway.api.HealthCheck;
import org.storeroom.gateway.api.SubsystemHealth;

/** {@code GET /api/v1/health}: the one route open without login, for monitors and the panel. */
@Component(name = HealthServlet.PID, service = {Servlet.class, ConfigurableComponent.class})
@HttpWhiteboardServletPattern("/api/v1/health")
@Designate(ocd = HealthConfig.class)
public final class HealthServlet extends HttpServlet implements ConfigurableComponent {
    static final String PID = "org.storeroom.gateway.health";
    private static final long serialVersionUID = 1L;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<HealthCheck> checks;

    private transient volatile List<String> expected = List.of();
    private final String version = String.valueOf(FrameworkUtil.getBundle(HealthServlet.class) == null ? "dev"
            : FrameworkUtil.getBundle(HealthServlet.class).getVersion());

    @Activate
    @Modified
    void configure(HealthConfig config) {
        expected = List.of(config.expectedSubsystems());
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        HealthReport report = HealthReport.of(expected, checks == null ? List.of() : checks, version, Instant.now());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.status());
        body.put("version", report.version());
        body.put("time", report.time().toString());
        Map<String, Object> subsystems = new LinkedHashMap<>();
        for (Map.Entry<String, SubsystemHealth> e : report.subsystems().entrySet()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("status", e.getValue().status());
            s.put("summary", e.getValue().summary());
            s.put("details", e.getValue().details());
            subsystems.put(e.getKey(), s);
        }
        body.put("subsystems", subsystems);
        Json.write(resp, report.httpStatus(), body);
    }
}
