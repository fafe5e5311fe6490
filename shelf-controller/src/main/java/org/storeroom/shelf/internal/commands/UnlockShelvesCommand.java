package org.storeroom.shelf.internal.commands;

import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.storeroom.gateway.api.CommandHandler;
import org.storeroom.gateway.api.CommandResult;
import org.storeroom.shelf.api.ShelfControl;

/** {@code shelves.unlock} from the central system. */
@Component(service = CommandHandler.class, property = CommandHandler.NAME + "=shelves.unlock")
public final class UnlockShelvesCommand implements CommandHandler {
    private final ShelfControl shelves;

    @Activate
    public UnlockShelvesCommand(@Reference ShelfControl shelves) {
        this.shelves = shelves;
    }

    @Override
    public CommandResult handle(String id, Map<String, Object> args) {
        return ModeCommands.unlock(shelves, id, args);
    }
}
