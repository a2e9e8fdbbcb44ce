package dev.attache.server.attachments;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.attache.server.auth.Principal;
import dev.attache.server.auth.TokenKind;
import dev.attache.server.blob.BlobStore;
import dev.attache.server.db.DatabaseUnavailableException;
import dev.attache.server.directory.Access;
import dev.attache.server.directory.Parent;
import dev.attache.server.directory.ParentType;
import dev.attache.server.http.ApiException;
import dev.attache.server.http.RequestParams;
import dev.attache.server.ids.Gid;
import dev.attache.server.ids.GidGenerator;

/**
 * The attachment rules of docs/api.md §4, independent of HTTP. Durability order: an upload's bytes are
 * durable before its row commits, and a delete removes the row before the bytes, so a crash at any
 * point leaves no row without bytes; bytes without a row are swept at the next start. Thread-safe.
 */
public final class AttachmentService {

    private static final Logger LOG = LoggerFactory.getLogger(AttachmentService.class);
    static final int MAX_URL_LENGTH = 2048;
    /** A list without {@code limit} returns everything, up to this many. */
    static final int MAX_UNPAGED = 1000;

    private final AttachmentStore store;
    private final BlobStore blobs;
    private final Access access;
    private final GidGenerator gids;
    private final Clock clock;

    public AttachmentService(AttachmentStore store, BlobStore blobs, Access access, GidGenerator gids, Clock clock) {
        this.store = store;
        this.blobs = blobs;
        this.access = access;
        this.gids = gids;
        this.clock = clock;
    }

    /** An attachment with the parent it hangs from, for rendering. */
    record AttachmentOnParent(Attachment attachment, Parent parent) {
    }

    /**
     * One page of a parent's attachments.
     *
     * @param lastGid the last item's gid when more may follow, else null
     */
    record Listing(List<Attachment> items, Parent parent, @Nullable Long lastGid) {
    }

    /**
     * Fails fast, before a file's bytes are read, when the fields already seen rule the upload out.
     *
     * @param fixedParent the parent a legacy route names in its path, or null
     */
    void checkBeforeFile(Principal principal, Map<String, String> fields, Gid fixedParent) {
        String subtype = fields.getOrDefault("resource_subtype", Attachment.ASANA);
        if (subtype.equals(Attachment.EXTERNAL)) {
            throw ApiException.invalid("file", "Not allowed for external attachments");
        }
        Gid parent = fixedParent != null ? fixedParent
                : fields.containsKey("parent") ? RequestParams.gid("parent", fields.get("parent")) : null;
        if (parent != null) {
            parent(principal, parent, fixedParent != null);
        }
    }

    /**
     * Creates the attachment a form describes. Every input is checked first; then {@code answer} builds
     * the response from the checked attachment, and only then do the blob and the row commit, so nothing
     * can fail between the commit and the reply. Whatever throws, nothing is kept.
     *
     * @param answer builds the reply; it runs before anything commits, so a failure there keeps nothing
     */
    <T> T create(Principal principal, UploadForm form, Gid fixedParent, Function<AttachmentOnParent, T> answer) {
        Gid parentGid = fixedParent != null ? fixedParent : RequestParams.gid("parent",
                form.field("parent").filter(p -> !p.isBlank()).orElseThrow(() -> ApiException.missing("parent")));
        String subtype = form.field("resource_subtype").orElse(Attachment.ASANA);
        if (!subtype.equals(Attachment.ASANA) && !subtype.equals(Attachment.EXTERNAL)) {
            throw ApiException.invalid("resource_subtype", "Must be one of asana, external");
        }
        return subtype.equals(Attachment.ASANA)
                ? createUpload(principal, form, parentGid, fixedParent != null, answer)
                : createLink(principal, form, parentGid, answer);
    }

    private <T> T createUpload(Principal principal, UploadForm form, Gid parentGid, boolean legacy, Function<AttachmentOnParent, T> answer) {
        UploadForm.ReceivedFile file = form.file();
        if (file == null) {
            throw ApiException.missing("file");
        }
        if (form.field("connect_to_app").isPresent()) {
            throw ApiException.invalid("connect_to_app", "Only allowed for external attachments on a task");
        }
        Parent parent = parent(principal, parentGid, legacy);
        String name = Optional.ofNullable(file.filename()).flatMap(FileNames::clean)
                .or(() -> form.field("name").flatMap(FileNames::clean))
                .orElse("file");
        Attachment attachment = new Attachment(gids.next(), parent.gid(), Attachment.ASANA, name, file.contentType(),
                file.size(), file.sha256(), file.blob().key(), null, null, principal.userGid(), clock.instant());
        T reply = answer.apply(new AttachmentOnParent(attachment, parent));
        try {
            file.blob().commit();
        } catch (IOException e) {
            // The commit may have failed after the bytes became visible (a directory fsync, say).
            deleteBlobQuietly(attachment.blobKey());
            throw new MultipartUploadReader.BlobWriteException(e);
        }
        boolean inserted;
        try {
            inserted = store.insert(attachment);
        } catch (DatabaseUnavailableException e) {
            // The connection was lost, perhaps after the commit reached the database: the row may exist,
            // so its bytes must stay. If it does not, the bytes are unreferenced and the sweep removes them.
            LOG.warn("database lost while recording attachment {}; its bytes stay for the sweep to judge", attachment.gid());
            throw e;
        } catch (RuntimeException e) {
            deleteBlobQuietly(attachment.blobKey());
            throw e;
        }
        if (!inserted) {
            deleteBlobQuietly(attachment.blobKey());
            throw parentGone(parentGid);
        }
        return reply;
    }

    private <T> T createLink(Principal principal, UploadForm form, Gid parentGid, Function<AttachmentOnParent, T> answer) {
        if (form.file() != null) {
            throw ApiException.invalid("file", "Not allowed for external attachments");
        }
        String url = form.field("url").filter(u -> !u.isBlank()).orElseThrow(() -> ApiException.missing("url"));
        String name = form.field("name").flatMap(FileNames::clean).orElseThrow(() -> ApiException.missing("name"));
        requireWebUrl(url);
        boolean connect = connectToApp(form.field("connect_to_app"));
        Parent parent = access.visibleParent(principal, parentGid, "parent");
        if (connect && (parent.type() != ParentType.TASK || principal.kind() != TokenKind.OAUTH)) {
            throw ApiException.invalid("connect_to_app",
                    "Only allowed for external attachments on a task, with an OAuth token");
        }
        Attachment attachment = new Attachment(gids.next(), parent.gid(), Attachment.EXTERNAL, name, null, null, null,
                null, url, connect, principal.userGid(), clock.instant());
        T reply = answer.apply(new AttachmentOnParent(attachment, parent));
        if (!store.insert(attachment)) {
            throw parentGone(parentGid);
        }
        return reply;
    }

    /** The parent was deleted (by another request, perhaps on another node) after it was checked. */
    private static ApiException parentGone(Gid parentGid) {
        return ApiException.unknownId("parent", parentGid.text());
    }

    /** The parent an upload names; the legacy task routes accept only tasks. */
    private Parent parent(Principal principal, Gid gid, boolean legacyTaskRoute) {
        return legacyTaskRoute
                ? access.visibleParent(principal, gid, ParentType.TASK)
                : access.visibleParent(principal, gid, "parent");
    }

    /** An attachment the caller may see: 404 when unknown, 403 when in another workspace. */
    AttachmentOnParent get(Principal principal, Gid gid) {
        AttachmentStore.Located found = store.locate(gid.value(), principal.userGid())
                .orElseThrow(() -> ApiException.unknownId("attachment", gid.text()));
        if (!found.visible()) {
            throw ApiException.forbidden("attachment: Forbidden");
        }
        return new AttachmentOnParent(found.attachment(), found.parent());
    }

    /**
     * Deletes an attachment: the row first, then its bytes. Bytes that cannot be removed now are
     * unreferenced and go with the start-up sweep, so the delete stands either way.
     */
    void delete(Principal principal, Gid gid) {
        AttachmentOnParent found = get(principal, gid);
        store.delete(found.attachment().gid())
                .map(Attachment::blobKey)
                .ifPresent(this::deleteBlobQuietly);
    }

    /**
     * A page of a parent's attachments after a gid.
     *
     * @param limit    page size 1..100, or null for everything (up to 1,000)
     * @param afterGid continue after this gid, or null from the start
     */
    Listing list(Principal principal, Parent parent, Integer limit, Long afterGid) {
        long after = afterGid == null ? Gid.NONE : afterGid;
        int want = limit == null ? MAX_UNPAGED : limit;
        List<Attachment> rows = store.page(parent.gid(), after, want + 1);
        if (limit == null && rows.size() > MAX_UNPAGED) {
            throw ApiException.badRequest("The result is too large. You should use pagination!");
        }
        boolean more = rows.size() > want;
        List<Attachment> items = more ? rows.subList(0, want) : rows;
        Long last = more ? items.get(items.size() - 1).gid() : null;
        return new Listing(List.copyOf(items), parent, last);
    }

    /** Deletes a parent with its attachments: rows in one transaction, then the bytes. */
    public boolean deleteParent(Parent parent) {
        Optional<List<String>> keys = store.deleteParent(parent.gid());
        keys.ifPresent(k -> k.forEach(this::deleteBlobQuietly));
        return keys.isPresent();
    }

    /** An upload with its parent and whether a user may see it; empty when there is no such upload. */
    public Optional<AttachmentStore.Located> locateUpload(long gid, long userGid) {
        return store.locate(gid, userGid).filter(found -> found.attachment().isUpload());
    }

    /** The bytes of an upload, for the download route; empty when the attachment is gone. */
    public Optional<Download> download(long gid) throws IOException {
        Optional<Attachment> found = store.find(gid).filter(Attachment::isUpload);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Attachment a = found.get();
        return blobs.open(a.blobKey()).map(blob -> new Download(a, blob));
    }

    /** An upload and its bytes. */
    public record Download(Attachment attachment, BlobStore.Blob blob) {
    }

    private void deleteBlobQuietly(String key) {
        try {
            blobs.delete(key);
        } catch (IOException e) {
            LOG.warn("could not delete blob {}; the start-up sweep will remove it", key, e);
        }
    }

    private static void requireWebUrl(String url) {
        ApiException bad = ApiException.invalid("url", "Must be an absolute http or https URL");
        if (url.length() > MAX_URL_LENGTH) {
            throw bad;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw bad;
            }
        } catch (URISyntaxException e) {
            throw bad;
        }
    }

    private static boolean connectToApp(Optional<String> value) {
        if (value.isEmpty()) {
            return false;
        }
        return switch (value.get().strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.invalid("connect_to_app", "Must be a boolean");
        };
    }
}
