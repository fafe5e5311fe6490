package org.storeroom.gateway.internal.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.storeroom.gateway.api.ApiException;
import org.storeroom.gateway.api.ApiRequest;
import org.storeroom.gateway.api.ApiResponse;
import org.storeroom.gateway.api.ApiRoute;
import org.storeroom.gateway.api.ApiRoutes;
import org.storeroom.gateway.api.AuditLog;
import org.storeroom.gateway.api.Bilingual;
import org.storeroom.gateway.api.Role;
import org.storeroom.gateway.api.Store;
import org.storeroom.gateway.api.StoreException;

/**
 * The room's configuration in the API, for admins: every configurable component of ours as its metatype
 * describes it, with its values now; and changes, each value checked by the metatype, applied through
 * ConfigurationAdmin and recorded in the audit log. Passwords are never shown.
 *
 * <p>On Kura, changes belong to Kura's configuration service (it keeps snapshots and rolls back), so
 * there the API shows the configuration and refuses changes, pointing to Kura's web UI.
 */
@Component(service = ApiRoutes.class)
public final class ConfigRoutes implements ApiRoutes {
    private static final String KURA_CONFIGURATION = "org.eclipse.kura.configuration.ConfigurationService";
    private final ConfigurationAdmin cm;
    private final MetaTypeService metatype;
    private final Store store;
    private final AuditLog audit;
    private final BundleContext context;

    @Activate
    public ConfigRoutes(@Reference ConfigurationAdmin cm, @Reference MetaTypeService metatype, @Reference Store store,
            @Reference AuditLog audit, BundleContext context) {
        this.cm = cm;
        this.metatype = metatype;
        this.store = store;
        this.audit = audit;
        this.context = context;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                new ApiRoute("GET", "/config", Role.ADMIN, "every configurable component: its settings as the metatype describes them, and their values",
                        r -> ApiResponse.ok(Map.of("editable", !onKura(), "components", components()))),
                new ApiRoute("PUT", "/config/{pid}", Role.ADMIN,
                        "change settings of one component {values: {id: value}}; each checked by its metatype; recorded", this::change));
    }

    private boolean onKura() {
        return context.getServiceReference(KURA_CONFIGURATION) != null;
    }

    /** One component's settings as the metatype says them. */
    private record Described(String pid, ObjectClassDefinition ocd) {
        AttributeDefinition[] attributes() {
            AttributeDefinition[] a = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
            return a == null ? new AttributeDefinition[0] : a;
        }
    }

    private List<Described> described() {
        List<Described> out = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName() == null || !b.getSymbolicName().startsWith("org.storeroom")) {
                continue;
            }
            MetaTypeInformation info = metatype.getMetaTypeInformation(b);
            if (info == null) {
                continue;
            }
            for (String pid : info.getPids()) {
                out.add(new Described(pid, info.getObjectClassDefinition(pid, null)));
            }
        }
        out.sort(java.util.Comparator.comparing(Described::pid));
        return out;
    }

    private Dictionary<String, Object> current(String pid) throws ApiException {
        try {
            Configuration[] found = cm.listConfigurations("(service.pid=" + pid + ")");
            return found == null || found.length == 0 ? null : found[0].getProperties();
        } catch (IOException | InvalidSyntaxException e) {
            throw new ApiException(500, "internal", "the configuration of " + pid + " cannot be read: " + e.getMessage());
        }
    }

    private List<Map<String, Object>> components() throws ApiException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Described d : described()) {
            Dictionary<String, Object> now = current(d.pid());
            List<Map<String, Object>> attributes = new ArrayList<>();
            for (AttributeDefinition a : d.attributes()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", a.getID());
                m.put("name", a.getName());
                m.put("description", a.getDescription());
                m.put("type", typeName(a.getType()));
                m.put("list", a.getCardinality() != 0);
                Object value = now == null ? null : now.get(a.getID());
                if (a.getType() == AttributeDefinition.PASSWORD) {
                    m.put("value", null); // never shown; only whether one is set
                    m.put("set", value != null && !String.valueOf(value).isEmpty());
                } else {
                    m.put("value", value == null ? defaults(a) : shown(value));
                }
                String[] options = a.getOptionValues();
                if (options != null && options.length > 0) {
                    List<Map<String, String>> opts = new ArrayList<>();
                    for (int i = 0; i < options.length; i++) {
                        opts.add(Map.of("value", options[i], "label", a.getOptionLabels()[i]));
                    }
                    m.put("options", opts);
                }
                attributes.add(m);
            }
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("pid", d.pid());
            c.put("name", d.ocd().getName());
            c.put("description", d.ocd().getDescription());
            c.put("configured", now != null);
            c.put("attributes", attributes);
            out.add(c);
        }
        return out;
    }

    private static Object defaults(AttributeDefinition a) {
        String[] d = a.getDefaultValue();
        if (d == null) {
            return null;
        }
        return a.getCardinality() != 0 ? List.of(d) : d.length == 0 ? null : d[0];
    }

    private static Object shown(Object value) {
        if (value instanceof Object[] array) {
            return List.of(array);
        }
        return value;
    }

    private static String typeName(int type) {
        return switch (type) {
            case AttributeDefinition.LONG, AttributeDefinition.INTEGER, AttributeDefinition.SHORT, AttributeDefinition.BYTE -> "integer";
            case AttributeDefinition.DOUBLE, AttributeDefinition.FLOAT -> "number";
            case AttributeDefinition.BOOLEAN -> "boolean";
            case AttributeDefinition.PASSWORD -> "password";
            default -> "string";
        };
    }

    private ApiResponse change(ApiRequest r) throws ApiException {
        String pid = r.params().get("pid");
        if (onKura()) {
            throw ApiException.refused("on Kura, settings are changed in Kura's web UI (Services), which keeps snapshots",
                    "在 Kura 上请在 Kura 网页界面（服务）中修改配置，Kura 会保存配置快照");
        }
        Described d = described().stream().filter(x -> x.pid().equals(pid)).findFirst()
                .orElseThrow(() -> new ApiException(404, "not_found", "component " + pid + " does not exist", "没有组件 " + pid));
        if (!(r.body().get("values") instanceof Map<?, ?> values) || values.isEmpty()) {
            throw ApiException.badRequest("values", "is missing: give {\"values\": {\"setting\": value}}", "缺少要修改的配置项");
        }
        Map<String, AttributeDefinition> byId = new TreeMap<>();
        for (AttributeDefinition a : d.attributes()) {
            byId.put(a.getID(), a);
        }
        // Every value checked before anything is written: a bad one changes nothing.
        Map<String, Object> typed = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : values.entrySet()) {
            String id = String.valueOf(e.getKey());
            AttributeDefinition a = byId.get(id);
            if (a == null) {
                throw new ApiException(400, "bad_request", "setting '" + id + "' is not one of " + pid + "'s: " + byId.keySet(),
                        "'" + id + "' 不是 " + pid + " 的配置项");
            }
            typed.put(id, typed(a, e.getValue()));
        }
        Dictionary<String, Object> before = current(pid);
        // A setting the stored configuration leaves out is at its default: that is the value being changed.
        Dictionary<String, Object> after = new Hashtable<>();
        for (AttributeDefinition a : d.attributes()) {
            if (a.getDefaultValue() != null) {
                after.put(a.getID(), typed(a, defaults(a)));
            }
        }
        if (before != null) {
            for (Enumeration<String> keys = before.keys(); keys.hasMoreElements(); ) {
                String k = keys.nextElement();
                after.put(k, before.get(k));
            }
        }
        Map<String, Object> changed = new TreeMap<>();
        typed.forEach((id, v) -> {
            Object old = after.get(id);
            after.put(id, v);
            boolean secret = byId.get(id).getType() == AttributeDefinition.PASSWORD;
            changed.put(id, secret ? "(changed)" : String.valueOf(shown(old)) + " -> " + shown(v));
        });
        try {
            // Recorded first: a change that cannot be recorded is not made.
            store.write(c -> audit.append(c, r.actor(), "config.change", pid, changed));
            Configuration config = cm.getConfiguration(pid, "?");
            config.update(after);
        } catch (StoreException e) {
            throw new ApiException(503, "store", "the change could not be recorded, so it was not made: " + e.getMessage());
        } catch (IOException e) {
            throw new ApiException(500, "internal", "the configuration of " + pid + " could not be written: " + e.getMessage());
        }
        return ApiResponse.ok(Map.of("pid", pid, "changed", changed));
    }

    /** A value from JSON as the metatype's type, checked by the metatype's own validation. */
    private static Object typed(AttributeDefinition a, Object value) {
        boolean list = a.getCardinality() != 0;
        List<?> items = value instanceof List<?> l ? l : List.of(value == null ? "" : value);
        if (!list && items.size() != 1) {
            throw bad(a, String.valueOf(value), "takes one value, not a list");
        }
        Object array = list ? java.lang.reflect.Array.newInstance(javaType(a.getType()), items.size()) : null;
        Object single = null;
        for (int i = 0; i < items.size(); i++) {
            String text = String.valueOf(items.get(i)).trim();
            String problem = a.validate(text);
            if (problem != null && !problem.isEmpty()) {
                throw bad(a, text, problem);
            }
            Object v;
            try {
                v = switch (a.getType()) {
                    case AttributeDefinition.LONG -> Long.valueOf(text);
                    case AttributeDefinition.INTEGER -> Integer.valueOf(text);
                    case AttributeDefinition.SHORT -> Short.valueOf(text);
                    case AttributeDefinition.BYTE -> Byte.valueOf(text);
                    case AttributeDefinition.DOUBLE -> Double.valueOf(text);
                    case AttributeDefinition.FLOAT -> Float.valueOf(text);
                    case AttributeDefinition.BOOLEAN -> {
                        if (!text.equals("true") && !text.equals("false")) {
                            throw bad(a, text, "is not true or false");
                        }
                        yield Boolean.valueOf(text);
                    }
                    default -> text;
                };
            } catch (NumberFormatException e) {
                throw bad(a, text, "is not a " + typeName(a.getType()));
            }
            if (list) {
                java.lang.reflect.Array.set(array, i, v);
            } else {
                single = v;
            }
        }
        return list ? array : single;
    }

    private static Class<?> javaType(int type) {
        return switch (type) {
            case AttributeDefinition.LONG -> Long.class;
            case AttributeDefinition.INTEGER -> Integer.class;
            case AttributeDefinition.SHORT -> Short.class;
            case AttributeDefinition.BYTE -> Byte.class;
            case AttributeDefinition.DOUBLE -> Double.class;
            case AttributeDefinition.FLOAT -> Float.class;
            case AttributeDefinition.BOOLEAN -> Boolean.class;
            default -> String.class;
        };
    }

    private static Bilingual.BadInput bad(AttributeDefinition a, String value, String problem) {
        return new Bilingual.BadInput("setting " + a.getID() + " (" + a.getName() + "): '" + value + "' " + problem,
                "配置项 " + a.getID() + "（" + a.getName() + "）的值 '" + value + "' 不可用：" + problem);
    }
}
