package org.storeroom.gateway.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.storeroom.gateway.api.Bilingual;
import org.storeroom.gateway.api.Migration;
import org.storeroom.gateway.api.Role;

/**
 * Users and machine tokens in the gateway's database. Passwords are kept as PBKDF2-HMAC-SHA256 with a
 * random salt per user; tokens only as their SHA-256. Repeated failures lock a user name for a while.
 * Every method runs inside the caller's transaction.
 */
final class Accounts {
    static final int ITERATIONS = 210_000;
    static final int MIN_PASSWORD = 10;
    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{1,31}");
    private static final SecureRandom RANDOM = new SecureRandom();

    static final List<Migration> SCHEMA = List.of(new Migration(1, "users and machine tokens", List.of(
            "CREATE TABLE auth_user (username TEXT PRIMARY KEY, roles TEXT NOT NULL, salt BLOB NOT NULL, hash BLOB NOT NULL,"
                    + " iterations INTEGER NOT NULL, failures INTEGER NOT NULL DEFAULT 0, locked_until TEXT, created TEXT NOT NULL)"
                    + " WITHOUT ROWID",
            "CREATE TABLE auth_token (name TEXT PRIMARY KEY, hash BLOB NOT NULL UNIQUE, roles TEXT NOT NULL, created TEXT NOT NULL)"
                    + " WITHOUT ROWID")));

    /** A user or token as the API sees it. */
    record Account(String name, Set<Role> roles) { }

    /** How a login attempt ended. */
    sealed interface Login {
        record Ok(Account account) implements Login { }

        record Wrong() implements Login { }

        record Locked(Instant until) implements Login { }
    }

    private final int maxFailures;
    private final Duration lockout;

    Accounts(int maxFailures, Duration lockout) {
        this.maxFailures = maxFailures;
        this.lockout = lockout;
    }

    static void checkUsername(String u) {
        if (u == null || !USERNAME.matcher(u).matches()) {
            throw new Bilingual.BadInput("username '" + u + "' must be 2-32 of a-z, 0-9, '.', '_', '-', starting with a letter",
                    "用户名 '" + u + "' 须为2到32个字符（a-z、0-9、'.'、'_'、'-'），以字母开头");
        }
    }

    static void checkPassword(String p) {
        if (p == null || p.length() < MIN_PASSWORD || p.length() > 256) {
            throw new Bilingual.BadInput("password must be " + MIN_PASSWORD + " to 256 characters", "密码须为" + MIN_PASSWORD + "到256个字符");
        }
    }

    static String roles(Set<Role> roles) {
        return roles.stream().map(Role::id).sorted().collect(Collectors.joining(","));
    }

    static Set<Role> roles(String csv) {
        Set<Role> r = EnumSet.noneOf(Role.class);
        for (String s : csv.split(",")) {
            if (!s.isBlank()) {
                r.add(Role.of(s.trim()));
            }
        }
        r.add(Role.VIEWER);
        return r;
    }

    long users(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM auth_user")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void create(Connection c, String username, String password, Set<Role> roles, Instant now) throws SQLException {
        checkUsername(username);
        checkPassword(password);
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO auth_user(username, roles, salt, hash, iterations, created)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, username);
            ps.setString(2, roles(roles));
            ps.setBytes(3, salt);
            ps.setBytes(4, pbkdf2(password, salt, ITERATIONS));
            ps.setInt(5, ITERATIONS);
            ps.setString(6, now.toString());
            ps.executeUpdate();
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("UNIQUE")) {
                throw new Exists("user '" + username + "' exists already", "用户 '" + username + "' 已存在");
            }
            throw e;
        }
    }

    /** Checks a password; counts failures and locks the name after too many, even for unknown names' sake of timing. */
    Login login(Connection c, String username, String password, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT roles, salt, hash, iterations, failures, locked_until FROM auth_user WHERE username = ?")) {
            ps.setString(1, username == null ? "" : username);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    pbkdf2(password == null ? "" : password, new byte[16], ITERATIONS); // same time as a real check
                    return new Login.Wrong();
                }
                String lockedUntil = rs.getString(6);
                if (lockedUntil != null && Instant.parse(lockedUntil).isAfter(now)) {
                    return new Login.Locked(Instant.parse(lockedUntil));
                }
                boolean ok = MessageDigest.isEqual(rs.getBytes(3), pbkdf2(password == null ? "" : password, rs.getBytes(2), rs.getInt(4)));
                int failures = ok ? 0 : rs.getInt(5) + 1;
                String lock = failures >= maxFailures ? now.plus(lockout).toString() : null;
                try (PreparedStatement up = c.prepareStatement("UPDATE auth_user SET failures = ?, locked_until = ? WHERE username = ?")) {
                    up.setInt(1, lock != null ? 0 : failures);
                    up.setString(2, lock);
                    up.setString(3, username);
                    up.executeUpdate();
                }
                if (ok) {
                    return new Login.Ok(new Account(username, roles(rs.getString(1))));
                }
                return lock != null ? new Login.Locked(Instant.parse(lock)) : new Login.Wrong();
            }
        }
    }

    List<Account> list(Connection c) throws SQLException {
        List<Account> out = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery("SELECT username, roles FROM auth_user ORDER BY username")) {
            while (rs.next()) {
                out.add(new Account(rs.getString(1), roles(rs.getString(2))));
            }
        }
        return out;
    }

    /**
     * Changes a user's roles, password, or both ({@code null} leaves one as it is). A new password also
     * clears failed logins and a lockout.
     */
    void update(Connection c, String username, Set<Role> roles, String password) throws SQLException {
        Set<Role> before = rolesOf(c, username);
        if (roles != null) {
            if (before.contains(Role.ADMIN) && !roles.contains(Role.ADMIN)) {
                lastAdminStays(c, username);
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE auth_user SET roles = ? WHERE username = ?")) {
                ps.setString(1, roles(roles));
                ps.setString(2, username);
                ps.executeUpdate();
            }
        }
        if (password != null) {
            checkPassword(password);
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            try (PreparedStatement ps = c.prepareStatement("UPDATE auth_user SET salt = ?, hash = ?, iterations = ?, failures = 0,"
                    + " locked_until = NULL WHERE username = ?")) {
                ps.setBytes(1, salt);
                ps.setBytes(2, pbkdf2(password, salt, ITERATIONS));
                ps.setInt(3, ITERATIONS);
                ps.setString(4, username);
                ps.executeUpdate();
            }
        }
    }

    void remove(Connection c, String username) throws SQLException {
        if (rolesOf(c, username).contains(Role.ADMIN)) {
            lastAdminStays(c, username);
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM auth_user WHERE username = ?")) {
            ps.setString(1, username);
            ps.executeUpdate();
        }
    }

    private Set<Role> rolesOf(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT roles FROM auth_user WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new Bilingual.NotFound("user " + username + " does not exist", "没有用户 " + username);
                }
                return roles(rs.getString(1));
            }
        }
    }

    /** Nobody could administer the gateway any more: the last admin keeps the role. */
    private void lastAdminStays(Connection c, String username) throws SQLException {
        long admins = list(c).stream().filter(a -> a.roles().contains(Role.ADMIN)).count();
        if (admins <= 1) {
            throw new Bilingual.Refused(username + " is the last admin; make another user admin first",
                    username + " 是最后一个管理员：请先让另一个用户成为管理员");
        }
    }

    /** A machine token as the admin sees it: never the token itself. */
    record Token(String name, Set<Role> roles, String created) { }

    List<Token> tokens(Connection c) throws SQLException {
        List<Token> out = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery("SELECT name, roles, created FROM auth_token ORDER BY name")) {
            while (rs.next()) {
                out.add(new Token(rs.getString(1), roles(rs.getString(2)), rs.getString(3)));
            }
        }
        return out;
    }

    void removeToken(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM auth_token WHERE name = ?")) {
            ps.setString(1, name);
            if (ps.executeUpdate() == 0) {
                throw new Bilingual.NotFound("token " + name + " does not exist", "没有令牌 " + name);
            }
        }
    }

    /** Creates a machine token; @return the token, shown once and never stored */
    String createToken(Connection c, String name, Set<Role> roles, Instant now) throws SQLException {
        checkUsername(name);
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = "srt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO auth_token(name, hash, roles, created) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, name);
            ps.setBytes(2, sha256(token));
            ps.setString(3, roles(roles));
            ps.setString(4, now.toString());
            ps.executeUpdate();
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("UNIQUE")) {
                throw new Exists("token '" + name + "' exists already", "令牌 '" + name + "' 已存在");
            }
            throw e;
        }
        return token;
    }

    Optional<Account> token(Connection c, String token) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT name, roles FROM auth_token WHERE hash = ?")) {
            ps.setBytes(1, sha256(token));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Account("token:" + rs.getString(1), roles(rs.getString(2)))) : Optional.empty();
            }
        }
    }

    static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        char[] chars = password.toCharArray();
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(chars, salt, iterations, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this Java", e);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A random password for the first admin when none is given: 20 characters, no look-alikes. */
    static String generatePassword() {
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            b.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    /** A user or token name already taken (409 in the API). */
    static final class Exists extends Bilingual.Refused {
        private static final long serialVersionUID = 1L;

        Exists(String en, String zh) {
            super(en, zh);
        }
    }
}
