package org.storeroom.gateway.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Map;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Serves the local panel's files from this bundle, and answers every path no other servlet claims:
 * a JSON 404 under {@code /api/}, the panel's files elsewhere.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/")
public final class PanelServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html;charset=UTF-8", "js", "text/javascript;charset=UTF-8",
            "css", "text/css;charset=UTF-8", "json", "application/json;charset=UTF-8",
            "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon");

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? req.getServletPath() : req.getServletPath() + req.getPathInfo();
        if (path.startsWith("/api/")) {
            Json.error(resp, 404, "not_found", "no API route " + path);
            return;
        }
        if (path.isEmpty() || path.equals("/")) {
            path = "/index.html";
        }
        String type = TYPES.get(path.substring(path.lastIndexOf('.') + 1));
        URL file = path.contains("..") || type == null ? null : PanelServlet.class.getResource("/panel" + path);
        if (file == null) {
            resp.sendError(404, "no panel file " + path);
            return;
        }
        resp.setContentType(type);
        resp.setHeader("Cache-Control", path.equals("/index.html") ? "no-cache" : "max-age=300");
        try (InputStream in = file.openStream()) {
            in.transferTo(resp.getOutputStream());
        }
    }
}
