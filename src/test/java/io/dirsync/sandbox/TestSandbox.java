package io.dirsync.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Bitwarden sandbox as the tests drive it: a {@link BitwardenSandbox} with the organization seeded by hand and
 * inspected, every import and token request recorded, and faults injected on demand.
 */
public final class TestSandbox implements AutoCloseable {

    private final Recorder recorder = new Recorder();
    private final BitwardenSandbox sandbox;
    private final FaultInjection faults;

    private TestSandbox(BitwardenSandbox.Builder settings) {
        sandbox = settings.hook(new Hook()).build();
        faults = new FaultInjection(sandbox.mode());
    }

    /** A builder with the sandbox's defaults: official, self-hosted, unlimited seats, directory and groups allowed. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void close() {
        sandbox.close();
    }

    // --- addresses and credentials ---

    public String baseUrl() {
        return sandbox.baseUrl();
    }

    public String apiUrl() {
        return sandbox.apiUrl();
    }

    public String identityUrl() {
        return sandbox.identityUrl();
    }

    public String clientId() {
        return sandbox.clientId();
    }

    public String clientSecret() {
        return sandbox.clientSecret();
    }

    public String orgId() {
        return sandbox.orgId();
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
        Organization org = sandbox.organization();
        synchronized (org) {
            return org.addMember(email, type, status, externalId, hasMasterPassword).snapshot();
        }
    }

    /** Adds a group without members; {@code externalId} may be {@code null} for a group made by hand. */
    public Group addGroup(String name, String externalId) {
        Organization org = sandbox.organization();
        synchronized (org) {
            return org.snapshot(org.addGroup(name, externalId));
        }
    }

    /** Puts members into a group by hand. */
    public Group addToGroup(String groupId, String... memberIds) {
        Organization org = sandbox.organization();
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
        Organization org = sandbox.organization();
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
        return sandbox.members();
    }

    /** The member with this email (compared ignoring case), if any. */
    public Optional<Member> member(String email) {
        return members().stream().filter(member -> member.email().equalsIgnoreCase(email)).findFirst();
    }

    /** Every group, in the order they were created. */
    public List<Group> groups() {
        return sandbox.groups();
    }

    /** The group with this externalId, if any. */
    public Optional<Group> groupByExternalId(String externalId) {
        return groups().stream().filter(group -> externalId.equals(group.externalId())).findFirst();
    }

    /** The events logged, oldest first (the official server only; Vaultwarden logs none for an import). */
    public List<Event> events() {
        Organization org = sandbox.organization();
        synchronized (org) {
            return org.events();
        }
    }

    /** The seat count now ({@code null} = unlimited); cloud autoscaling raises it. */
    public Integer seats() {
        Organization org = sandbox.organization();
        synchronized (org) {
            return org.seats();
        }
    }

    /** Every import request received, oldest first, with the status answered. */
    public List<RecordedRequest> requests() {
        return recorder.imports();
    }

    /** Every token request received, oldest first. */
    public List<RecordedTokenRequest> tokenRequests() {
        return recorder.tokenRequests();
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
        faults.expireAllTokens();
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

    /** The faults first, then the recording, which so sees the injected answers too. */
    private final class Hook implements SandboxHook {

        @Override
        public Optional<Answer> before(ReceivedRequest request) {
            return faults.before(request);
        }

        @Override
        public void imported(ImportOutcome outcome) {
            faults.imported(outcome);
        }

        @Override
        public void answered(ReceivedRequest request, Answer answer) {
            faults.answered(request, answer);
            recorder.answered(request, answer);
        }
    }

    /** The settings of {@link BitwardenSandbox.Builder}, each with its default there. */
    public static final class Builder {

        private final BitwardenSandbox.Builder settings = BitwardenSandbox.builder();

        private Builder() {
        }

        public Builder mode(ServerMode mode) {
            settings.mode(mode);
            return this;
        }

        public Builder cloud(boolean cloud) {
            settings.cloud(cloud);
            return this;
        }

        public Builder seats(Integer seats) {
            settings.seats(seats);
            return this;
        }

        public Builder maxAutoscaleSeats(Integer maxAutoscaleSeats) {
            settings.maxAutoscaleSeats(maxAutoscaleSeats);
            return this;
        }

        public Builder orgId(String orgId) {
            settings.orgId(orgId);
            return this;
        }

        public Builder clientSecret(String clientSecret) {
            settings.clientSecret(clientSecret);
            return this;
        }

        public Builder useDirectory(boolean useDirectory) {
            settings.useDirectory(useDirectory);
            return this;
        }

        public Builder useGroups(boolean useGroups) {
            settings.useGroups(useGroups);
            return this;
        }

        public Builder orgGroupsEnabled(boolean orgGroupsEnabled) {
            settings.orgGroupsEnabled(orgGroupsEnabled);
            return this;
        }

        public Builder stagedStatusFlag(boolean stagedStatusFlag) {
            settings.stagedStatusFlag(stagedStatusFlag);
            return this;
        }

        public Builder tokenLifetime(Duration tokenLifetime) {
            settings.tokenLifetime(tokenLifetime);
            return this;
        }

        public Builder initialOwner(String email) {
            settings.initialOwner(email);
            return this;
        }

        /** The sandbox, listening on a free port. */
        public TestSandbox start() {
            TestSandbox sandbox = new TestSandbox(settings);
            sandbox.sandbox.start();
            return sandbox;
        }
    }
}
