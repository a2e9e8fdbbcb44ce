package dev.attache.server.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.attache.server.db.Database;
import dev.attache.server.directory.DirectoryStore;
import dev.attache.server.directory.Parent;
import dev.attache.server.directory.ParentType;
import dev.attache.server.directory.User;
import dev.attache.server.directory.Workspace;
import dev.attache.server.ids.GidGenerator;
import dev.attache.server.testing.Concurrently;
import dev.attache.server.testing.DatabaseContract;
import dev.attache.server.testing.Engine;

/** What every {@link AttachmentStore} engine must do, also with several nodes writing at once. */
abstract class AttachmentStoreContract extends DatabaseContract {

    private final GidGenerator gids = new GidGenerator(Clock.systemUTC(), 7);
    private DirectoryStore directory;
    private AttachmentStore store;
    private User user;
    private Workspace workspace;

    AttachmentStoreContract(Engine engine) {
        super(engine);
    }

    @BeforeEach
    void createWorkspace() {
        directory = new DirectoryStore(jdbc, gids, Clock.systemUTC());
        store = new JdbcAttachmentStore(jdbc);
        workspace = directory.createWorkspace("W");
        user = directory.createUser("U", "u@example.com");
        directory.addMember(workspace.gid(), user.gid());
    }

    @Test
    void insertedUploadIsFoundWithEveryField() {
        Parent task = task();
        Attachment a = upload(task);

        assertThat(store.insert(a)).isTrue();

        assertThat(store.find(a.gid())).contains(a);
    }

    @Test
    void insertedLinkKeepsItsUrlAndAppFlag() {
        Parent task = task();
        Attachment link = new Attachment(gids.next(), task.gid(), Attachment.EXTERNAL, "spec", null, null, null, null,
                "https://example.com/spec", true, user.gid(), Instant.ofEpochMilli(1_700_000_000_123L));

        store.insert(link);

        assertThat(store.find(link.gid())).contains(link);
    }

    @Test
    void insertUnderADeletedParentIsRefusedAndStoresNothing() {
        Parent task = task();
        store.deleteParent(task.gid());
        Attachment a = upload(task);

        assertThat(store.insert(a)).isFalse();

        assertThat(store.find(a.gid())).isEmpty();
    }

    @Test
    void locateTellsWhetherTheUserIsAMemberOfTheParentsWorkspace() {
        Parent task = task();
        Attachment a = upload(task);
        store.insert(a);
        User stranger = directory.createUser("S", "s@example.com");

        assertThat(store.locate(a.gid(), user.gid())).hasValueSatisfying(l -> {
            assertThat(l.visible()).isTrue();
            assertThat(l.parent().gid()).isEqualTo(task.gid());
        });
        assertThat(store.locate(a.gid(), stranger.gid())).hasValueSatisfying(l -> assertThat(l.visible()).isFalse());
    }

    @Test
    void anAttachmentDeletedOnAnotherNodeIsNoLongerFoundOrLocatedHere() {
        Attachment a = upload(task());
        store.insert(a);
        assertThat(store.find(a.gid())).isPresent();
        assertThat(store.locate(a.gid(), user.gid())).isPresent();

        nodes(1).get(0).delete(a.gid());

        assertThat(store.find(a.gid())).isEmpty();
        assertThat(store.locate(a.gid(), user.gid())).isEmpty();
    }

    @Test
    void aMembershipEndedOnAnotherNodeHidesTheAttachmentHereAtOnce() {
        Attachment a = upload(task());
        store.insert(a);
        assertThat(store.locate(a.gid(), user.gid())).hasValueSatisfying(l -> assertThat(l.visible()).isTrue());

        connectNode().jdbc().update("DELETE FROM memberships WHERE user_gid = ?", user.gid());

        assertThat(store.locate(a.gid(), user.gid())).hasValueSatisfying(l -> assertThat(l.visible()).isFalse());
    }

    @Test
    void pageReturnsTheAttachmentsAfterAGidInGidOrder() {
        Parent task = task();
        List<Attachment> all = IntStream.range(0, 5).mapToObj(i -> upload(task)).toList();
        all.forEach(store::insert);

        List<Attachment> page = store.page(task.gid(), all.get(1).gid(), 2);

        assertThat(page).containsExactly(all.get(2), all.get(3));
    }

    @Test
    void deleteReturnsTheRowAndASecondDeleteFindsNothing() {
        Attachment a = upload(task());
        store.insert(a);

        assertThat(store.delete(a.gid())).contains(a);
        assertThat(store.delete(a.gid())).isEmpty();
        assertThat(store.isReferenced(a.blobKey())).isFalse();
    }

    @Test
    void concurrentDeletesOfOneAttachmentOnSeveralNodesReturnItOnce() {
        Attachment a = upload(task());
        store.insert(a);
        List<AttachmentStore> nodes = nodes(4);

        List<Boolean> deleted = Concurrently.run(nodes.size(), i -> nodes.get(i).delete(a.gid()).isPresent());

        assertThat(deleted).containsOnlyOnce(true);
    }

    @Test
    void deletingAProjectRemovesItsBriefsAndAllTheirAttachmentsAndReturnsTheirBlobKeys() {
        Parent project = directory.createParent(ParentType.PROJECT, workspace.gid(), "P", null, null, user.gid());
        Parent brief = directory.createParent(ParentType.PROJECT_BRIEF, workspace.gid(), "B", "t", project.gid(), user.gid());
        Attachment onProject = upload(project);
        Attachment onBrief = upload(brief);
        store.insert(onProject);
        store.insert(onBrief);

        assertThat(store.deleteParent(project.gid())).hasValueSatisfying(keys ->
                assertThat(keys).containsExactlyInAnyOrder(onProject.blobKey(), onBrief.blobKey()));

        assertThat(directory.parent(brief.gid())).isEmpty();
        assertThat(store.find(onBrief.gid())).isEmpty();
        assertThat(store.deleteParent(project.gid())).isEmpty();
    }

    @Test
    void uploadsRacingTheirParentsDeleteAreEitherRefusedOrDeletedWithIt() {
        Parent task = task();
        List<AttachmentStore> nodes = nodes(4);
        List<String> inserted = Collections.synchronizedList(new ArrayList<>());
        List<List<String>> deletedKeys = Collections.synchronizedList(new ArrayList<>());

        Concurrently.run(nodes.size(), i -> {
            if (i == 0) {
                deletedKeys.add(nodes.get(0).deleteParent(task.gid()).orElseThrow());
                return true;
            }
            for (int n = 0; n < 20; n++) {
                Attachment a = upload(task);
                if (nodes.get(i).insert(a)) {
                    inserted.add(a.blobKey());
                }
            }
            return true;
        });

        assertThat(store.page(task.gid(), 0, 1000)).as("rows left under the deleted parent").isEmpty();
        assertThat(deletedKeys.get(0)).as("bytes the delete must remove").containsExactlyInAnyOrderElementsOf(inserted);
    }

    @Test
    void insertingAnUploadRemovesItsBlobsUploadIntent() {
        Attachment a = upload(task());
        jdbc.update("INSERT INTO upload_intents (blob_key, node_id, touched_at) VALUES (?, ?, ?)", a.blobKey(), 7, 0L);

        store.insert(a);

        assertThat(jdbc.query("SELECT blob_key FROM upload_intents", rs -> rs.getString(1))).isEmpty();
    }

    private Parent task() {
        return directory.createParent(ParentType.TASK, workspace.gid(), "T", null, null, user.gid());
    }

    private Attachment upload(Parent parent) {
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        return new Attachment(gids.next(), parent.gid(), Attachment.ASANA, "a.txt", "text/plain", 3L,
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", HexFormat.of().formatHex(key),
                null, null, user.gid(), Instant.ofEpochMilli(1_700_000_000_000L));
    }

    private List<AttachmentStore> nodes(int count) {
        List<AttachmentStore> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Database node = connectNode();
            nodes.add(new JdbcAttachmentStore(node.jdbc()));
        }
        return nodes;
    }
}
