package org.storeroom.rfid.internal.warehouse;

import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.storeroom.gateway.api.CommandHandler;
import org.storeroom.gateway.api.CommandResult;
import org.storeroom.gateway.api.StoreException;

/** {@code locate {q}} from the central system: where boxes and files are, as the panel's search finds them. */
@Component(service = CommandHandler.class, property = CommandHandler.NAME + "=locate")
public final class LocateCommand implements CommandHandler {
    private final WarehouseComponent warehouse;

    @Activate
    public LocateCommand(@Reference WarehouseComponent warehouse) {
        this.warehouse = warehouse;
    }

    @Override
    public CommandResult handle(String id, Map<String, Object> args) {
        if (!(args.get("q") instanceof String q)) {
            return CommandResult.refused("q is missing or not text: give a 档号, EPC, file number or linked key");
        }
        try {
            return CommandResult.ok(Map.of("q", q, "hits", warehouse.warehouse().locate(q).stream().map(h -> {
                Map<String, Object> m = new java.util.LinkedHashMap<>();
                m.put("kind", h.kind());
                m.put("archiveNo", h.archiveNo());
                m.put("fileNo", h.fileNo() == null ? "" : h.fileNo());
                m.put("point", h.point());
                m.put("aisle", h.aisle());
                m.put("status", h.status());
                return m;
            }).toList()));
        } catch (IllegalArgumentException e) {
            return CommandResult.refused(e.getMessage());
        } catch (StoreException e) {
            return CommandResult.error(e.getMessage());
        }
    }
}
