package org.storeroom.gateway.internal.auth;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Logged-in browsers: random session ids and CSRF tokens, ended after an idle time. Kept in memory. */
final class Sessions {
    private static final SecureRandom RANDOM = new SecureRandom();

    static final class Session {
        final String id;
        final String csrf;
        final Accounts.Account account;
        volatile long lastSeenMs;

        Session(String id, String csrf, Accounts.Account account, long now) {
            this.id = id;
            this.csrf = csrf;
            this.account = account;
            this.lastSeenMs = now;
        }
    }

    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final long idleMs;

    Sessions(Duration idle) {
        this.idleMs = idle.toMillis();
    }

    long idleSeconds() {
        return idleMs / 1000;
    }

    Session create(Accounts.Account a, long now) {
        Session s = new Session(random(), random(), a, now);
        byId.put(s.id, s);
        byId.values().removeIf(x -> now - x.lastSeenMs > idleMs);
        return s;
    }

    Optional<Session> find(String id, long now) {
        Session s = id == null ? null : byId.get(id);
        if (s == null) {
            return Optional.empty();
        }
        if (now - s.lastSeenMs > idleMs) {
            byId.remove(id);
            return Optional.empty();
        }
        s.lastSeenMs = now;
        return Optional.of(s);
    }

    /** Whether a session still holds, without counting the question as activity (a live stream asks). */
    boolean alive(String id, long now) {
        Session s = byId.get(id);
        return s != null && now - s.lastSeenMs <= idleMs;
    }

    void end(String id) {
        byId.remove(id);
    }

    /** Ends every session of one user (removed, or roles or password changed); @return their ids */
    java.util.List<String> endUser(String username) {
        java.util.List<String> ended = new java.util.ArrayList<>();
        byId.values().removeIf(s -> {
            boolean theirs = s.account.name().equals(username);
            if (theirs) {
                ended.add(s.id);
            }
            return theirs;
        });
        return ended;
    }

    private static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
