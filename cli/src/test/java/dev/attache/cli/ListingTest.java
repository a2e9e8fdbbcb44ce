package dev.attache.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.attache.cli.attachments.TextWidth;

class ListingTest {

    @Test
    void columnsLineUpOnScreenWhenANameIsInWideCharacters() {
        Listing listing = new Listing(List.of("name", "gid"), List.of(
                List.of("plan.pdf", "1205000000000042"),
                List.of("設計書.pdf", "1205000000000043"),
                List.of("résumé.txt", "1205000000000044")));

        List<String> lines = listing.toTable().lines().toList();

        assertThat(lines).hasSize(4);
        // Where the gid column starts, counted in screen cells: the same on every line.
        assertThat(lines.stream().map(l -> TextWidth.of(l.substring(0, l.indexOf(l.startsWith("NAME") ? "GID" : "1205")))))
                .containsOnly(TextWidth.of("résumé.txt  "));
    }
}
