/**
 * The Bitwarden sandbox: a Bitwarden server with one organization, in memory, on 127.0.0.1, that dirsync can sync
 * to as it would to a real one.
 *
 * <p>It is for three things. {@code dirsync demo} syncs its sample directory to it. {@code dirsync sandbox} starts
 * one on its own, so that an administrator can try a configuration (search bases, filters, groups, the guards)
 * against it before pointing dirsync at a real organization, and read on the console what each import would have
 * changed. And the test suite syncs to it, as the end-to-end tests do.
 *
 * <p>It imitates what dirsync talks to, with the rules and error bodies of the real servers, so that what works
 * against it works against them:
 * <ul>
 *   <li>the token endpoint, {@code POST /identity/connect/token} (also {@code /connect/token}), for the organization
 *       API key ({@code client_credentials}, scope {@code api.organization});</li>
 *   <li>the directory import, {@code POST /api/public/organization/import} (also {@code /public/organization/import}),
 *       with the semantics of either the official Bitwarden server (members matched by externalId, removals, the
 *       cloud's size limit and seat autoscaling, its validation errors and event log) or Vaultwarden (members matched
 *       by email, revoked instead of removed, groups only when enabled), chosen by {@link io.dirsync.sandbox.ServerMode};
 *       </li>
 *   <li>on the official server, the public API's reads: {@code GET /api/public/members}, {@code …/members/{id}},
 *       {@code …/members/{id}/group-ids}, {@code …/groups}, {@code …/groups/{id}}, {@code …/groups/{id}/member-ids}
 *       (also without {@code /api}).</li>
 * </ul>
 *
 * <p>{@link io.dirsync.sandbox.BitwardenSandbox} starts one. What it receives and answers is seen through one
 * {@link io.dirsync.sandbox.SandboxHook}: {@code dirsync sandbox} prints each import with it; the test suite records
 * requests and injects faults with it. That machinery, and the helpers that seed an organization by hand, live in
 * test scope in this package, not in the jar.
 */
package io.dirsync.sandbox;
