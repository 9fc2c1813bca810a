package io.dbbranch.engine.testing;

import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.Capabilities;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.CreateBranchRequest;
import io.dbbranch.engine.spi.Credential;
import io.dbbranch.engine.spi.ParentAccess;
import io.dbbranch.engine.spi.Progress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Forwards every call to a real provider; tests override one method to inject a fault. */
public class ForwardingProvider implements BranchProvider {
    protected final BranchProvider delegate;

    public ForwardingProvider(BranchProvider delegate) {
        this.delegate = delegate;
    }

    @Override public String kind() { return delegate.kind(); }
    @Override public Capabilities capabilities() { return delegate.capabilities(); }
    @Override public BranchInfo createBranch(CreateBranchRequest request) { return delegate.createBranch(request); }
    @Override public ConnectionDetails awaitReady(BranchInfo branch, Duration timeout, Progress progress) {
        return delegate.awaitReady(branch, timeout, progress);
    }
    @Override public Credential mintCredential(BranchInfo branch, ConnectionDetails connection, Duration ttl) {
        return delegate.mintCredential(branch, connection, ttl);
    }
    @Override public void revokeCredential(BranchInfo branch, Credential credential) { delegate.revokeCredential(branch, credential); }
    @Override public Optional<BranchInfo> findBranch(String name) { return delegate.findBranch(name); }
    @Override public List<BranchInfo> listBranches(String namePrefix) { return delegate.listBranches(namePrefix); }
    @Override public void extendExpiry(BranchInfo branch, Instant expiresAt) { delegate.extendExpiry(branch, expiresAt); }
    @Override public boolean deleteBranch(BranchInfo branch) { return delegate.deleteBranch(branch); }
    @Override public Optional<ParentAccess> parentAccess(String name, Duration ttl) { return delegate.parentAccess(name, ttl); }
    @Override public boolean resetsFromParent() { return delegate.resetsFromParent(); }
    @Override public BranchInfo resetFromParent(BranchInfo branch, String parent, Duration timeout, Progress progress) {
        return delegate.resetFromParent(branch, parent, timeout, progress);
    }
}
