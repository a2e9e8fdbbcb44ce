package dev.attache.server.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.attache.server.auth.AccessTokens;
import dev.attache.server.auth.TokenStore;
import dev.attache.server.db.Jdbc;
import dev.attache.server.ids.GidGenerator;
import dev.attache.server.testing.Concurrently;
import dev.attache.server.testing.DatabaseContract;
import dev.attache.server.testing.Engine;

/** What the directory's storage must do on every engine, also with several nodes writing at once. */
abstract class DirectoryStoreContract extends DatabaseContract {

    private DirectoryStore directory;

    DirectoryStoreContract(Engine engine) {
        super(engine);
    }

    @BeforeEach
    void openStore() {
        directory = store(jdbc, 1);
    }

    @Test
    void addingAMembershipTwiceKeepsOne() {
        Workspace w = directory.createWorkspace("W");
        User u = directory.createUser("U", "u@example.com");

        directory.addMember(w.gid(), u.gid());
        directory.addMember(w.gid(), u.gid());

        assertThat(directory.memberships()).hasSize(1);
        assertThat(directory.workspacesOf(u.gid())).containsExactly(w);
    }

    @Test
    void oneMembershipAddedOnSeveralNodesAtOnceIsStoredOnce() {
        Workspace w = directory.createWorkspace("W");
        User u = directory.createUser("U", "u@example.com");
        List<DirectoryStore> nodes = nodes(4);

        Concurrently.run(nodes.size(), i -> {
            nodes.get(i).addMember(w.gid(), u.gid());
            return true;
        });

        assertThat(directory.memberships()).hasSize(1);
    }

    @Test
    void anEmailThatDiffersOnlyInCaseIsRefused() {
        directory.createUser("Ada", "ada@example.com");

        assertThatThrownBy(() -> directory.createUser("Ada again", "ADA@example.com"))
                .isInstanceOf(EmailTakenException.class)
                .hasMessageContaining("ADA@example.com");
    }

    @Test
    void oneEmailCreatedOnSeveralNodesAtOnceMakesOneUser() {
        List<DirectoryStore> nodes = nodes(4);

        List<Boolean> created = Concurrently.run(nodes.size(), i -> {
            try {
                nodes.get(i).createUser("Ada " + i, "ada@example.com");
                return true;
            } catch (EmailTakenException e) {
                return false;
            }
        });

        assertThat(created).containsOnlyOnce(true);
        assertThat(directory.users()).hasSize(1);
    }

    @Test
    void longNamesAndTextsAreStoredWhole() {
        Workspace w = directory.createWorkspace("W".repeat(5000));
        User u = directory.createUser("U".repeat(5000), "u@example.com");
        String name = "ünïcödé task ".repeat(500);

        Parent task = directory.createParent(ParentType.TASK, w.gid(), name, "body ".repeat(5000), null, u.gid());

        assertThat(directory.parent(task.gid())).map(Parent::name).contains(name);
        assertThat(directory.workspace(w.gid())).map(Workspace::name).contains("W".repeat(5000));
    }

    @Test
    void parentsListsOneTypeOfAWorkspaceOldestFirst() {
        Workspace w = directory.createWorkspace("W");
        User u = directory.createUser("U", "u@example.com");
        Parent first = directory.createParent(ParentType.TASK, w.gid(), "1", null, null, u.gid());
        directory.createParent(ParentType.PROJECT, w.gid(), "p", null, null, u.gid());
        Parent second = directory.createParent(ParentType.TASK, w.gid(), "2", null, null, u.gid());

        assertThat(directory.parents(w.gid(), ParentType.TASK)).extracting(Parent::gid).containsExactly(first.gid(), second.gid());
    }

    @Test
    void severalNodesStartingOnAnEmptyDatabaseAtOnceSeedItExactlyOnce() {
        List<Bootstrap> bootstraps = IntStream.range(0, 4).mapToObj(i -> bootstrap(connectNode().jdbc(), 10 + i)).toList();

        List<Optional<Bootstrap.FirstStart>> starts = Concurrently.run(bootstraps.size(), i -> bootstraps.get(i).seedIfEmpty());

        assertThat(starts.stream().filter(Optional::isPresent)).hasSize(1);
        assertThat(directory.users()).hasSize(1);
        assertThat(directory.workspaces()).hasSize(1);
    }

    @Test
    void aDatabaseWithUsersFromBeforeTheSeedMarkerIsNotSeededAgain() {
        directory.createUser("Existing", "existing@example.com");

        assertThat(bootstrap(jdbc, 2).seedIfEmpty()).isEmpty();
        assertThat(directory.users()).hasSize(1);
    }

    private static Bootstrap bootstrap(Jdbc jdbc, int nodeId) {
        GidGenerator gids = new GidGenerator(Clock.systemUTC(), nodeId);
        return new Bootstrap(jdbc, new DirectoryStore(jdbc, gids, Clock.systemUTC()),
                new TokenStore(jdbc, gids, new AccessTokens(), Clock.systemUTC()), Clock.systemUTC());
    }

    private static DirectoryStore store(Jdbc jdbc, int nodeId) {
        return new DirectoryStore(jdbc, new GidGenerator(Clock.systemUTC(), nodeId), Clock.systemUTC());
    }

    private List<DirectoryStore> nodes(int count) {
        return IntStream.range(0, count).mapToObj(i -> store(connectNode().jdbc(), 10 + i)).toList();
    }
}
