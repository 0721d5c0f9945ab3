package io.dirsync.sandbox;

/**
 * How the imitated server and organization are configured (see {@link BitwardenSandbox.Builder} for each).
 *
 * @param maxAutoscaleSeats cloud only: how far autoscaling may raise the seats; {@code null} = no cap
 */
record ServerSettings(ServerMode mode, boolean cloud, Integer maxAutoscaleSeats, boolean useDirectory, boolean useGroups,
                boolean orgGroupsEnabled, boolean stagedStatusFlag) {
}
