package io.jenkins.plugins.dbbranch.config;

import io.jenkins.plugins.dbbranch.credentials.CredentialLookup;

/**
 * What a connection needs to open a provider: where to look its credentials up (a build's context, or the
 * controller's global credentials outside builds) and who we are (the owner recorded in branch labels).
 *
 * @param credentials where credentials ids are resolved
 * @param owner       this controller, as {@link ControllerOwner#get()} names it
 */
public record ConnectionContext(CredentialLookup credentials, String owner) {

    /** Outside any build (reaper, "Test connection"): global credentials, as the system. */
    public static ConnectionContext forController() {
        return new ConnectionContext(CredentialLookup.forController(), ControllerOwner.get());
    }

    /** Inside a build: the credentials the build may use, with usage tracked. */
    public static ConnectionContext forBuild(hudson.model.Run<?, ?> run) {
        return new ConnectionContext(CredentialLookup.forBuild(run), ControllerOwner.get());
    }
}
