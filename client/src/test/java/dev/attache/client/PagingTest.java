package dev.attache.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attache.client.testing.Actions;
import dev.attache.client.testing.Fixture;
import dev.attache.client.testing.Recorded;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PagingTest {

    private final Fixture f = new Fixture();
    private final ParentGid task = ParentGid.of("42");

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    private static String page(String next, String... names) {
        StringBuilder items = new StringBuilder();
        for (String n : names) {
            items.append(items.length() == 0 ? "" : ",").append("{\"gid\":\"").append(n.hashCode() & 0xffff)
                    .append("\",\"name\":\"").append(n).append("\",\"resource_type\":\"attachment\"}");
        }
        String nextJson = next == null ? "null" : "{\"offset\":\"" + next + "\",\"path\":\"/attachments?offset=" + next
                + "\",\"uri\":\"http://h/api/1.0/attachments?offset=" + next + "\"}";
        return "{\"data\":[" + items + "],\"next_page\":" + nextJson + "}";
    }

    private void threePages() {
        f.server.enqueue(Actions.status(200, page("p2", "a", "b")), Actions.status(200, page("p3", "c", "d")),
                Actions.status(200, page(null, "e")));
    }

    @Test
    void forEachVisitsEveryItemAcrossPagesInOrder() {
        threePages();
        List<String> names = new ArrayList<>();

        f.api().forEach(task, PageRequest.limit(2), a -> names.add(a.name())).join();

        assertThat(names).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void eachPageRequestCarriesLimitAndTheOffsetOfThePreviousPage() {
        threePages();

        f.api().forEach(task, PageRequest.limit(2), a -> { }).join();

        assertThat(f.server.requests()).extracting(Recorded::target).containsExactly(
                "/api/1.0/attachments?parent=42&limit=2",
                "/api/1.0/attachments?parent=42&limit=2&offset=p2",
                "/api/1.0/attachments?parent=42&limit=2&offset=p3");
    }

    @Test
    void nextPageIsRequestedAsSoonAsThePreviousOneArrives() {
        List<String> asked = new ArrayList<>();
        PageIterator<String> pages = new PageIterator<>(offset -> {
            asked.add(String.valueOf(offset));
            return java.util.concurrent.CompletableFuture.completedFuture(
                    new Page<>(List.of("x"), new NextPage("next-" + asked.size(), "/p", java.net.URI.create("http://h/p"))));
        }, PageRequest.limit(1));

        pages.nextPage().join();

        assertThat(asked).containsExactly("null", "next-1");
    }

    @Test
    void itemCapStopsIterationMidPageWithoutFetchingMore() {
        threePages();
        List<String> names = new ArrayList<>();

        f.api().forEach(task, PageRequest.limit(2).withMaxItems(3), a -> names.add(a.name())).join();

        assertThat(names).containsExactly("a", "b", "c");
        assertThat(f.server.requests()).hasSize(2);
    }

    @Test
    void nextPageTokenExposesWhereToResume() {
        threePages();
        PageIterator<Attachment> pages = f.api().pages(task, PageRequest.limit(2));

        pages.nextPage().join();

        assertThat(pages.nextPageToken()).map(NextPage::offset).contains("p2");
    }

    @Test
    void iteratorReportsEmptyAfterTheLastPage() {
        f.server.enqueue(Actions.status(200, page(null, "a")));
        PageIterator<Attachment> pages = f.api().pages(task, PageRequest.limit(2));

        pages.nextPage().join();

        assertThat(pages.nextPage().join()).isEqualTo(Optional.empty());
    }

    @Test
    void failedPageFailsForEachWithTheRealException() {
        f.server.enqueue(Actions.status(200, page("p2", "a", "b")),
                Actions.error(400, "offset: Your pagination token is invalid or has expired"));
        List<String> names = new ArrayList<>();

        assertThatThrownBy(() -> f.api().forEach(task, PageRequest.limit(2), a -> names.add(a.name())).join())
                .cause().isInstanceOf(BadRequestException.class).hasMessageContaining("pagination token");
        assertThat(names).containsExactly("a", "b");
    }

    @Test
    void itemIteratorYieldsEveryItemThenEmpty() {
        threePages();
        ItemIterator<Attachment> items = f.api().items(task, PageRequest.limit(2));
        List<String> names = new ArrayList<>();

        for (Optional<Attachment> a = items.next().join(); a.isPresent(); a = items.next().join()) {
            names.add(a.get().name());
        }

        assertThat(names).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void itemIteratorFailsWithTheRealExceptionWhenAPageFails() {
        f.server.enqueue(Actions.status(200, page("p2", "a")), Actions.error(404, "parent: Not a recognized ID: 42"));
        ItemIterator<Attachment> items = f.api().items(task, PageRequest.limit(1));

        items.next().join();

        assertThatThrownBy(() -> items.next().join()).cause().isInstanceOf(NotFoundException.class);
    }

    @Test
    void singlePageWithoutLimitSendsNoLimit() {
        f.server.enqueue(Actions.status(200, "{\"data\":[{\"gid\":\"1\",\"name\":\"a\"}]}"));

        Page<Attachment> page = f.api().getAttachmentsForObject(task, PageRequest.all()
                .withFields(Fields.of(Field.NAME, Field.SIZE))).join();

        assertThat(page.hasNext()).isFalse();
        assertThat(f.server.requests().get(0).target()).isEqualTo("/api/1.0/attachments?parent=42&opt_fields=name,size");
    }

    @Test
    void allOfAParentsAttachmentsNeedNoPageRequest() {
        f.server.enqueue(Actions.status(200, "{\"data\":[{\"gid\":\"1\",\"name\":\"a\"}]}"));

        Page<Attachment> page = f.api().getAttachmentsForObject(task).join();

        assertThat(page.items()).extracting(Attachment::name).containsExactly("a");
        assertThat(page.next()).isEmpty();
        assertThat(f.server.requests().get(0).target()).isEqualTo("/api/1.0/attachments?parent=42");
    }

    @Test
    void fieldUnknownToTheClientIsAskedForByName() {
        f.server.enqueue(Actions.status(200, "{\"data\":[{\"gid\":\"1\",\"name\":\"a\",\"new_field\":3}]}"));

        Page<Attachment> page = f.api().getAttachmentsForObject(task, PageRequest.all()
                .withFields(Fields.named("new_field", "name", "parent.name"))).join();

        assertThat(page.items()).extracting(Attachment::name).containsExactly("a");
        assertThat(f.server.requests().get(0).target())
                .isEqualTo("/api/1.0/attachments?parent=42&opt_fields=name,new_field,parent.name");
    }

    @Test
    void fieldNameThatWouldBreakTheQueryIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Fields.named("name,size"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name,size");
    }
}
