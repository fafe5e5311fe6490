package org.storeroom.runtime;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the framework and the OSGi Log Service record (for instance a Declarative Services
 * component that failed to activate) to the same log as everything else.
 */
final class LogBridges {
    private LogBridges() {
    }

    /** The Felix framework's own messages. */
    static final class Framework extends org.apache.felix.framework.Logger {
        private static final Logger LOG = LoggerFactory.getLogger("org.apache.felix.framework");

        @Override
        protected void doLog(Bundle bundle, @SuppressWarnings("rawtypes") ServiceReference sr, int level, String msg,
                Throwable t) {
            String text = bundle == null ? msg : bundle.getSymbolicName() + ": " + msg;
            switch (level) {
                case LOG_ERROR -> LOG.error(text, t);
                case LOG_WARNING -> LOG.warn(text, t);
                case LOG_INFO -> LOG.info(text, t);
                default -> LOG.debug(text, t);
            }
        }
    }

    /** Entries of the OSGi Log Service at warning level and above. */
    static final LogListener LOG_SERVICE = (LogEntry e) -> {
        // WARN implies the levels more severe than itself: ERROR and AUDIT.
        if (LogLevel.WARN.implies(e.getLogLevel())) {
            Bundle b = e.getBundle();
            Logger log = LoggerFactory.getLogger("osgi." + (b == null ? "framework" : b.getSymbolicName()));
            switch (e.getLogLevel()) {
                case WARN -> log.warn(e.getMessage(), e.getException());
                case ERROR -> log.error(e.getMessage(), e.getException());
                default -> log.info(e.getMessage(), e.getException());
            }
        }
    };
}
