package dev.attache.cli.attachments;

import dev.attache.client.AttachmentGid;
import dev.attache.client.ParentGid;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Turns a malformed gid into a usage error (exit code 2) instead of a failure. */
final class GidConverters {

    private GidConverters() {
    }

    /** For attachment gids. */
    static final class Attachments implements ITypeConverter<AttachmentGid> {
        @Override
        public AttachmentGid convert(String value) {
            try {
                return AttachmentGid.of(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a gid: gids are decimal digits");
            }
        }
    }

    /** For task, project and project brief gids. */
    static final class Parents implements ITypeConverter<ParentGid> {
        @Override
        public ParentGid convert(String value) {
            try {
                return ParentGid.of(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a gid: gids are decimal digits");
            }
        }
    }
}
