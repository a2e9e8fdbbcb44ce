package dev.attache.storage.s3;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where blobs live: a bucket and a key prefix inside it, parsed from {@code s3://BUCKET[/PREFIX]}.
 * Immutable.
 *
 * @param bucket the bucket name, as S3 names buckets (3-63 lowercase letters, digits, dots, hyphens)
 * @param prefix the key prefix, empty or ending in {@code /}; every blob key is appended to it
 */
public record S3Location(String bucket, String prefix) {

    /** The setting a location comes from, named in every parse error. */
    static final String SETTING = "blob-store";

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    /** S3 keys are at most 1024 bytes; a blob key adds 32. */
    private static final int MAX_PREFIX_BYTES = 900;

    public S3Location {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw invalid("bucket name \"" + bucket + "\" is not a valid S3 bucket name"
                    + " (3-63 lowercase letters, digits, dots and hyphens)");
        }
        if (!prefix.isEmpty()) {
            checkPrefix(prefix);
        }
    }

    /**
     * Parses {@code s3://BUCKET} or {@code s3://BUCKET/PREFIX}. A trailing slash on the prefix is
     * optional: {@code s3://b/team} and {@code s3://b/team/} both put blobs under {@code team/}.
     *
     * @throws IllegalArgumentException naming the {@code blob-store} setting when the value is not
     *                                  such a URI
     */
    public static S3Location parse(String uri) {
        Objects.requireNonNull(uri, "uri");
        if (!uri.startsWith("s3://")) {
            throw invalid("expected s3://BUCKET[/PREFIX], got \"" + uri + "\"");
        }
        String rest = uri.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.isEmpty()) {
            throw invalid("expected s3://BUCKET[/PREFIX], got \"" + uri + "\": the bucket is missing");
        }
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
        return new S3Location(bucket, prefix);
    }

    /** The object key under which a blob key is stored. */
    String objectKey(String blobKey) {
        return prefix + blobKey;
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + prefix;
    }

    private static void checkPrefix(String prefix) {
        if (!prefix.endsWith("/")) {
            throw invalid("prefix \"" + prefix + "\" must end with /");
        }
        for (String segment : prefix.substring(0, prefix.length() - 1).split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw invalid("prefix \"" + prefix + "\" has an empty, \".\" or \"..\" segment");
            }
        }
        if (prefix.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '?' || c == '#' || c == '\\')) {
            throw invalid("prefix \"" + prefix.replaceAll("\\p{Cntrl}", "?")
                    + "\" may not contain control characters, ?, # or \\");
        }
        if (prefix.getBytes(StandardCharsets.UTF_8).length > MAX_PREFIX_BYTES) {
            throw invalid("prefix is longer than " + MAX_PREFIX_BYTES + " bytes");
        }
    }

    private static IllegalArgumentException invalid(String reason) {
        return new IllegalArgumentException(SETTING + ": " + reason);
    }
}
