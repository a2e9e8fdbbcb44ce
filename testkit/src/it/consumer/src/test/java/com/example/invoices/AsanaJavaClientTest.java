package com.example.invoices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.asana.Client;
import com.asana.errors.RateLimitEnforcedError;
import com.asana.errors.ServerError;
import com.asana.models.Attachment;

import dev.attache.testkit.AttacheExtension;
import dev.attache.testkit.AttacheServer;

/** A user's tests of code built on Asana's official Java client, pointed at the testkit's server. */
class AsanaJavaClientTest {

    @RegisterExtension
    static final AttacheExtension ATTACHE = AttacheExtension.builder().resetBetweenTests().build();

    AttacheServer server;
    Client asana;

    @BeforeEach
    void pointAsanasClientAtTheServer() {
        asana = Client.accessToken(server.token());
        asana.options.put("base_url", server.apiBaseUri().toString());
        asana.options.put("max_retries", 0);
    }

    @Test
    void uploadsToATaskAndReadsItBack() throws Exception {
        String task = server.createTask("Invoices").value();

        Attachment created = asana.attachments.createOnTask(task, new ByteArrayInputStream(new byte[] {1, 2, 3}),
                "invoice.pdf", "application/pdf").execute();
        Attachment found = asana.attachments.findById(created.gid).execute();

        assertEquals("invoice.pdf", found.name);
    }

    @Test
    void seesTheRetryAfterOfARateLimit() {
        String task = server.createTask("Invoices").value();
        server.faults().rateLimit("POST /tasks/{task_gid}/attachments", 1, Duration.ofSeconds(9));

        RateLimitEnforcedError e = assertThrows(RateLimitEnforcedError.class, () -> asana.attachments
                .createOnTask(task, new ByteArrayInputStream(new byte[] {1}), "a.txt", "text/plain").execute());

        assertEquals(9_000, e.retryAfter, "Asana's client keeps Retry-After in milliseconds");
    }

    @Test
    void seesAServerError() {
        String task = server.createTask("Invoices").value();
        server.faults().serverError("GET /attachments/{attachment_gid}", 1);

        assertThrows(ServerError.class, () -> asana.attachments.findById(task).execute());
    }
}
