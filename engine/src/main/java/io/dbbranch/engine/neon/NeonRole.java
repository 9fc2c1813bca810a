package io.dbbranch.engine.neon;

/**
 * A Postgres role of one branch ({@code Role} in the v2 spec). The password is present only in the answers that
 * create a role or reset its password; it is handed on as a {@code Secret} at once and never logged.
 */
record NeonRole(String branchId, String name, String password) {

    /** Masked: the record's own toString would print the password. */
    @Override
    public String toString() {
        return "NeonRole[" + name + " on " + branchId + "]";
    }
}
