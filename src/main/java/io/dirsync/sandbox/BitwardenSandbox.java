package io.dirsync.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The Bitwarden sandbox: a Bitwarden server with one organization, in memory, on 127.0.0.1. It serves the organization
 * API key's token, the directory import and, like the official server, the public API's member and group reads; see
 * the package description for what it is for.
 *
 * <p>Address it self-hosted style ({@link #baseUrl()}, or {@link #apiUrl()} and {@link #identityUrl()}), or cloud style
 * with {@link #baseUrl()} as both the API and the identity URL. Whether it behaves as the cloud (the 2000-entry
 * limit, seat autoscaling) is {@link Builder#cloud(boolean)}, not a matter of the URL used.
 *
 * <p>Like a real organization, it starts with a confirmed owner ({@link Builder#initialOwner(String)}): the official
 * server invites nobody into an organization without one.
 *
 * <p>Thread-safe. Close it to free the port.
 */
public final class BitwardenSandbox implements AutoCloseable {

    private static final String DEFAULT_OWNER = "owner@example.com";

    private final ServerSettings settings;
    private final String orgId;
    private final String clientSecret;
    private final Organization org;
    private final Tokens tokens = new Tokens();
    private final int port;
    private final SandboxHttpServer http;
    private volatile boolean started;

    private BitwardenSandbox(Builder builder) {
        this.settings = new ServerSettings(builder.mode, builder.cloud,
                builder.maxAutoscaleSeats != null ? builder.maxAutoscaleSeats : builder.seats,
                builder.useDirectory, builder.useGroups, builder.orgGroupsEnabled, builder.stagedStatusFlag);
        this.orgId = builder.orgId;
        this.clientSecret = builder.clientSecret;
        this.org = new Organization(orgId, builder.seats);
        if (builder.initialOwner != null) {
            org.addMember(builder.initialOwner, MemberType.OWNER, MemberStatus.CONFIRMED, null, true);
        }
        TokenEndpoint tokenEndpoint = new TokenEndpoint(builder.mode, orgId, clientSecret, tokens, builder.tokenLifetime);
        this.port = builder.port;
        this.http = new SandboxHttpServer(org, settings, tokens, tokenEndpoint, builder.hook);
    }

    /** A builder with the defaults: official, self-hosted, unlimited seats, directory and groups allowed. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts listening on 127.0.0.1, on {@link Builder#port(int)}. Returns this.
     *
     * @throws UncheckedIOException when it cannot listen; a {@link java.net.BindException} cause when the port is taken
     */
    public synchronized BitwardenSandbox start() {
        if (!started) {
            try {
                http.start(port);
            } catch (IOException e) {
                throw new UncheckedIOException("The Bitwarden sandbox did not start: " + e.getMessage(), e);
            }
            started = true;
        }
        return this;
    }

    /** Stops listening. The organization's state stays readable. */
    @Override
    public synchronized void close() {
        if (started) {
            http.stop();
            started = false;
        }
    }

    // --- addresses and credentials ---

    /** The self-hosted style server URL, e.g. {@code http://127.0.0.1:41234}; also the cloud-style API and identity URL. */
    public String baseUrl() {
        if (!started) {
            throw new IllegalStateException("The Bitwarden sandbox is not started");
        }
        return "http://127.0.0.1:" + http.port();
    }

    /** {@code baseUrl() + "/api"}. */
    public String apiUrl() {
        return baseUrl() + "/api";
    }

    /** {@code baseUrl() + "/identity"}. */
    public String identityUrl() {
        return baseUrl() + "/identity";
    }

    /** The organization API key's client id, {@code organization.<orgId>}. */
    public String clientId() {
        return "organization." + orgId;
    }

    public String clientSecret() {
        return clientSecret;
    }

    public String orgId() {
        return orgId;
    }

    public ServerMode mode() {
        return settings.mode();
    }

    // --- what the organization looks like ---

    /** Every member, in the order they were added. */
    public List<Member> members() {
        synchronized (org) {
            return org.members();
        }
    }

    /** Every group, in the order they were created. */
    public List<Group> groups() {
        synchronized (org) {
            return org.groups();
        }
    }

    /**
     * The organization itself, for the test suite's seeding and inspection helpers, which live in test scope in this
     * package. Callers synchronize on it.
     */
    Organization organization() {
        return org;
    }

    /** Configures a {@link BitwardenSandbox}; every setting has a default. */
    public static final class Builder {
        private ServerMode mode = ServerMode.OFFICIAL;
        private boolean cloud;
        private Integer seats;
        private Integer maxAutoscaleSeats;
        private String orgId = UUID.randomUUID().toString();
        private String clientSecret = randomSecret();
        private boolean useDirectory = true;
        private boolean useGroups = true;
        private boolean orgGroupsEnabled;
        private boolean stagedStatusFlag;
        private Duration tokenLifetime = Duration.ofHours(1);
        private String initialOwner = DEFAULT_OWNER;
        private int port;
        private SandboxHook hook = new SandboxHook() {
        };

        private Builder() {
        }

        /** Official server (default) or Vaultwarden. */
        public Builder mode(ServerMode mode) {
            this.mode = Objects.requireNonNull(mode);
            return this;
        }

        /** Official only: behave as the cloud (2000-entry limit without largeImport, seat autoscaling). Default false. */
        public Builder cloud(boolean cloud) {
            this.cloud = cloud;
            return this;
        }

        /** Official only: the organization's seats; {@code null} (default) = unlimited. */
        public Builder seats(Integer seats) {
            this.seats = seats;
            return this;
        }

        /**
         * Official cloud only: how far autoscaling may raise the seats. Defaults to the seats themselves, so that a
         * full organization answers "Seat limit has been reached."; {@link Integer#MAX_VALUE} lets it grow freely.
         */
        public Builder maxAutoscaleSeats(Integer maxAutoscaleSeats) {
            this.maxAutoscaleSeats = maxAutoscaleSeats;
            return this;
        }

        /** The organization id, a GUID in its usual lower-case form; random by default. */
        public Builder orgId(String orgId) {
            this.orgId = UUID.fromString(orgId).toString();
            return this;
        }

        /** The organization API key's secret; a random 30-character one by default. */
        public Builder clientSecret(String clientSecret) {
            this.clientSecret = Objects.requireNonNull(clientSecret);
            return this;
        }

        /** Official only: the organization's UseDirectory; default true. */
        public Builder useDirectory(boolean useDirectory) {
            this.useDirectory = useDirectory;
            return this;
        }

        /** Official only: the organization's UseGroups; default true. */
        public Builder useGroups(boolean useGroups) {
            this.useGroups = useGroups;
            return this;
        }

        /** Vaultwarden only: its ORG_GROUPS_ENABLED; default false, as in Vaultwarden. */
        public Builder orgGroupsEnabled(boolean orgGroupsEnabled) {
            this.orgGroupsEnabled = orgGroupsEnabled;
            return this;
        }

        /**
         * Official only: the server feature flag {@code pm-34423-staged-status}; default false. When on, an import
         * with {@code inviteUsersAfterProvisioning:false} creates new members Staged instead of Invited.
         */
        public Builder stagedStatusFlag(boolean stagedStatusFlag) {
            this.stagedStatusFlag = stagedStatusFlag;
            return this;
        }

        /** How long a token lives (and the {@code expires_in} reported); one hour by default. */
        public Builder tokenLifetime(Duration tokenLifetime) {
            this.tokenLifetime = Objects.requireNonNull(tokenLifetime);
            return this;
        }

        /** The confirmed owner the organization starts with ("owner@example.com"); {@code null} for none. */
        public Builder initialOwner(String email) {
            this.initialOwner = email;
            return this;
        }

        /** The port to listen on; 0 (default) for a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Not a port: " + port);
            }
            this.port = port;
            return this;
        }

        /** What to call for every request (see {@link SandboxHook}); by default, nothing. */
        public Builder hook(SandboxHook hook) {
            this.hook = Objects.requireNonNull(hook);
            return this;
        }

        /** The sandbox, not yet listening. */
        public BitwardenSandbox build() {
            return new BitwardenSandbox(this);
        }

        /** The sandbox, listening. */
        public BitwardenSandbox start() {
            return build().start();
        }

        private static String randomSecret() {
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
            SecureRandom random = new SecureRandom();
            StringBuilder secret = new StringBuilder();
            for (int i = 0; i < 30; i++) {
                secret.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return secret.toString();
        }
    }
}
