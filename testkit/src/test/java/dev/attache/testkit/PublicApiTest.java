package dev.attache.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.HasDescription;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The testkit's users see only its own types, the client's and the JDK's: no server type appears in a
 * public signature, so the server's internals can change without breaking a user's tests.
 */
class PublicApiTest {

    private static final String SERVER = "dev.attache.server";

    private final JavaClasses testkit = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.attache.testkit");

    @Test
    void publicSignaturesMentionNoServerType() {
        classes().that().arePublic().should(mentionNoServerTypeInPublicSignatures()).check(testkit);
    }

    private static ArchCondition<JavaClass> mentionNoServerTypeInPublicSignatures() {
        return new ArchCondition<>("mention no " + SERVER + " type in a public signature") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                List<JavaType> supertypes = new ArrayList<>(type.getInterfaces());
                type.getSuperclass().ifPresent(supertypes::add);
                report(type, supertypes, events);
                for (JavaMember member : type.getMembers()) {
                    if (member.getModifiers().contains(JavaModifier.PUBLIC) || member.getModifiers().contains(JavaModifier.PROTECTED)) {
                        report(member, signatureOf(member), events);
                    }
                }
            }
        };
    }

    private static List<JavaType> signatureOf(JavaMember member) {
        if (member instanceof JavaField field) {
            return List.of(field.getType());
        }
        JavaCodeUnit code = (JavaCodeUnit) member;
        return Stream.of(Stream.of(code.getReturnType()), code.getParameterTypes().stream(),
                        code.getThrowsClause().getTypes().stream().map(JavaType.class::cast))
                .flatMap(s -> s).toList();
    }

    private static void report(HasDescription owner, List<JavaType> types, ConditionEvents events) {
        for (JavaType type : types) {
            Set<JavaClass> involved = type.getAllInvolvedRawTypes();
            for (JavaClass raw : involved) {
                if (raw.getPackageName().equals(SERVER) || raw.getPackageName().startsWith(SERVER + ".")) {
                    events.add(SimpleConditionEvent.violated(owner, owner.getDescription() + " mentions " + raw.getName()));
                }
            }
        }
    }
}
