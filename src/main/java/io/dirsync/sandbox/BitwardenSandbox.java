package io.dirsync.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The Bitwarden sandbox: an in-process Bitwarden server on 127.0.0.1 for {@code dirsync demo} and for tests. It
 * keeps one organization in memory and serves, as {@code /work/shared/reference/bitwarden-api.md} describes them:
 * <ul>
 *   <li>the token endpoint, {@code POST /identity/connect/token} (also {@code /connect/token});</li>
 *   <li>the import, {@code POST /api/public/organization/import} (also {@code /public/organization/import});</li>
 *   <li>on the official server, the read-back {@code GET /api/public/members}, {@code …/members/{id}},
 *       {@code …/members/{id}/group-ids}, {@code …/groups}, {@code …/groups/{id}}, {@code …/groups/{id}/member-ids}
 *       (also without {@code /api}).</li>
 * </ul>
 * Address it self-hosted style ({@link #baseUrl()}, or {@link #apiUrl()} and {@link #identityUrl()}), or cloud style
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
    private final Faults faults = new Faults();
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
        this.http = new SandboxHttpServer(org, settings, tokens, tokenEndpoint, faults);
    }

    /** A builder with the defaults: official, self-hosted, unlimited seats, directory and groups allowed. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts listening on a free port of 127.0.0.1. Returns this. */
    public synchronized BitwardenSandbox start() {
        if (!started) {
            try {
                http.start();
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

    // --- seeding ---

    /**
     * Adds a member as if made by hand in the organization.
     *
     * @param email             stored lower-cased
     * @param externalId        {@code null} for a member the directory does not know
     * @param hasMasterPassword whether the member's account has a master password (the official
     *                          {@code overwriteExisting} refuses to remove one without)
     */
    public Member addMember(String email, MemberType type, MemberStatus status, String externalId,
                            boolean hasMasterPassword) {
        Objects.requireNonNull(email, "email");
        synchronized (org) {
            return org.addMember(email, type, status, externalId, hasMasterPassword).snapshot();
        }
    }

    /** Adds a group without members; {@code externalId} may be {@code null} for a group made by hand. */
    public Group addGroup(String name, String externalId) {
        synchronized (org) {
            return org.snapshot(org.addGroup(name, externalId));
        }
    }

    /** Puts members into a group by hand. */
    public Group addToGroup(String groupId, String... memberIds) {
        synchronized (org) {
            Organization.GroupRow group = org.groupById(groupId)
                    .orElseThrow(() -> new IllegalArgumentException("No group " + groupId));
            for (String memberId : memberIds) {
                org.memberById(memberId).orElseThrow(() -> new IllegalArgumentException("No member " + memberId));
                group.memberIds.add(memberId);
            }
            return org.snapshot(group);
        }
    }

    /** Revokes a member by hand, as an admin does in the Admin Console. */
    public Member revoke(String email) {
        synchronized (org) {
            Organization.MemberRow row = org.memberRows().stream().filter(r -> email.equalsIgnoreCase(r.email))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("No member " + email));
            row.revoke();
            return row.snapshot();
        }
    }

    // --- inspection ---

    /** Every member, in the order they were added. */
    public List<Member> members() {
        synchronized (org) {
            return org.members();
        }
    }

    /** The member with this email (compared ignoring case), if any. */
    public Optional<Member> member(String email) {
        return members().stream().filter(member -> member.email().equalsIgnoreCase(email)).findFirst();
    }

    /** Every group, in the order they were created. */
    public List<Group> groups() {
        synchronized (org) {
            return org.groups();
        }
    }

    /** The group with this externalId, if any. */
    public Optional<Group> groupByExternalId(String externalId) {
        return groups().stream().filter(group -> externalId.equals(group.externalId())).findFirst();
    }

    /** The events logged, oldest first (the official server only; Vaultwarden logs none for an import). */
    public List<Event> events() {
        synchronized (org) {
            return org.events();
        }
    }

    /** The seat count now ({@code null} = unlimited); cloud autoscaling raises it. */
    public Integer seats() {
        synchronized (org) {
            return org.seats();
        }
    }

    /** Every import request received, oldest first, with the status answered. */
    public List<RecordedRequest> requests() {
        return http.imports();
    }

    /** Every token request received, oldest first. */
    public List<RecordedTokenRequest> tokenRequests() {
        return http.tokenRequests();
    }

    // --- fault injection ---

    /**
     * Answers the next {@code count} import requests with {@code status} instead of handling them, e.g. 429 with
     * a {@code Retry-After}, 500 or 503. A 429 carries the cloud rate limiter's text, a 500 the server's error body.
     *
     * @param retryAfterSecondsOrNull the {@code Retry-After} header value, or {@code null} for none
     */
    public void failNext(int count, int status, String retryAfterSecondsOrNull) {
        faults.failNext(count, status, retryAfterSecondsOrNull);
    }

    /** Answers the next import request with 401, as if its token had been revoked. */
    public void failNextWith401() {
        faults.failNextWith401();
    }

    /** Makes every token handed out so far expired; new ones are valid again. */
    public void expireAllTokens() {
        tokens.expireAll();
    }

    /** Holds every request (token, import, read-back) this long before handling it; {@code Duration.ZERO} stops. */
    public void delay(Duration delay) {
        faults.delay(delay);
    }

    /**
     * Lets {@code successfulImports} more imports succeed, then answers every import with {@code status} without
     * applying it, as a server that went down between batches, until {@link #clearFaults()}.
     */
    public void failAfter(int successfulImports, int status) {
        faults.failAfter(successfulImports, status);
    }

    /**
     * Answers every import with 200 and the web vault's HTML page, without applying it, as a reverse proxy that
     * routes the API path to the web vault does, until {@link #clearFaults()}.
     */
    public void serveWebPageForImports() {
        faults.serveWebPage();
    }

    /** Forgets every pending fault and the delay. */
    public void clearFaults() {
        faults.clear();
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
