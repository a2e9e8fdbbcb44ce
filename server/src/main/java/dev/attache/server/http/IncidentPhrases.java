package dev.attache.server.http;

import java.security.SecureRandom;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Makes Asana-style incident phrases ({@code 6 sad squid snuggle softly}) that tie a 500 response to
 * its stack trace in the server log. About 32 x 40^4 = 82 million phrases, enough that support can find
 * one incident by grepping the log.
 */
public final class IncidentPhrases {

    private static final List<String> ADJECTIVES = List.of(
            "sad", "happy", "brave", "calm", "eager", "fancy", "gentle", "jolly", "kind", "lively",
            "proud", "silly", "witty", "zany", "bold", "shy", "quick", "sleepy", "grumpy", "clever",
            "fuzzy", "tiny", "giant", "quiet", "loud", "shiny", "dusty", "rusty", "sunny", "windy",
            "frosty", "misty", "lucky", "plucky", "spry", "merry", "noble", "nimble", "humble", "polite");
    private static final List<String> NOUNS = List.of(
            "squid", "otters", "badgers", "llamas", "pandas", "geese", "moles", "newts", "owls", "yaks",
            "lemurs", "tigers", "koalas", "ferrets", "herons", "ducks", "foxes", "hares", "seals", "crabs",
            "bees", "wombats", "moose", "bison", "camels", "eels", "frogs", "gnus", "ibises", "jackals",
            "kiwis", "lions", "mice", "narwhals", "oxen", "puffins", "quails", "ravens", "snails", "toads");
    private static final List<String> VERBS = List.of(
            "snuggle", "dance", "wander", "giggle", "juggle", "paddle", "ponder", "sing", "skip", "sneeze",
            "tumble", "whistle", "yodel", "bounce", "doze", "frolic", "gallop", "hop", "hum", "jog",
            "knit", "leap", "march", "nap", "prance", "roam", "scurry", "slide", "swim", "twirl",
            "waddle", "wobble", "zoom", "climb", "dive", "float", "glide", "munch", "nibble", "sprint");
    private static final List<String> ADVERBS = List.of(
            "softly", "quickly", "gently", "boldly", "calmly", "eagerly", "gladly", "happily", "lazily", "loudly",
            "merrily", "neatly", "oddly", "politely", "quietly", "rapidly", "sadly", "shyly", "slowly", "swiftly",
            "warmly", "wildly", "wisely", "briskly", "cheerily", "deftly", "fondly", "gracefully", "humbly", "idly",
            "jauntily", "keenly", "lightly", "madly", "nimbly", "openly", "proudly", "rarely", "sleepily", "tidily");

    private final RandomGenerator random;

    public IncidentPhrases() {
        this(new SecureRandom());
    }

    IncidentPhrases(RandomGenerator random) {
        this.random = random;
    }

    /** A new phrase: {@code <2..33> <adjective> <noun> <verb> <adverb>}. */
    public String next() {
        return (2 + random.nextInt(32)) + " " + pick(ADJECTIVES) + " " + pick(NOUNS) + " " + pick(VERBS) + " " + pick(ADVERBS);
    }

    private String pick(List<String> words) {
        return words.get(random.nextInt(words.size()));
    }
}
