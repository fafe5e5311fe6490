package org.storeroom.rfid.internal.warehouse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.storeroom.gateway.api.CommandHandler;
import org.storeroom.gateway.api.CommandResult;
import org.storeroom.gateway.api.StoreException;

/** {@code inventory.start {range} | {columns}} from the central system: opens a count that staff then run. */
@Component(service = CommandHandler.class, property = CommandHandler.NAME + "=inventory.start")
public final class InventoryStartCommand implements CommandHandler {
    private final WarehouseComponent warehouse;

    @Activate
    public InventoryStartCommand(@Reference WarehouseComponent warehouse) {
        this.warehouse = warehouse;
    }

    @Override
    public CommandResult handle(String id, Map<String, Object> args) {
        try {
            List<Integer> columns = new ArrayList<>();
            String scope;
            if (args.get("range") instanceof String range) {
                columns.addAll(warehouse.warehouse().layout().columnsOf(range)
                        .orElseThrow(() -> new IllegalArgumentException("range '" + range + "' is not a range of the room")));
                scope = "range " + range;
            } else if (args.get("columns") instanceof List<?> list && !list.isEmpty()) {
                for (Object o : list) {
                    if (!(o instanceof Integer c)) {
                        return CommandResult.refused("columns holds '" + o + "', not a column number");
                    }
                    columns.add(c);
                }
                scope = "columns " + list;
            } else {
                return CommandResult.refused("give range (e.g. \"A\") or columns (e.g. [7, 8])");
            }
            var s = warehouse.inventories().start(scope, columns, "central");
            return CommandResult.ok(Map.of("session", s.id(), "expected", s.expected(), "columns", s.columns()));
        } catch (IllegalArgumentException | IllegalStateException e) {
            return CommandResult.refused(e.getMessage());
        } catch (StoreException e) {
            return CommandResult.error(e.getMessage());
        }
    }
}
