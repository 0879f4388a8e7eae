package org.contact755

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory

/**
 * Every enum of the binding is its vocabulary in the core (`vocabularies()`), member for word
 * and in the same order: a word the core adds without a Kotlin member fails here, and so does a
 * member whose word the core does not have.
 */
class VocabularyTest {
    /** The binding's enums by the core's vocabulary names. */
    private val enums: Map<String, List<Enum<*>>> = mapOf(
        "role" to Role.entries,
        "assignment" to Assignment.entries,
        "activity" to Activity.entries,
        "category" to Category.entries,
        "severity" to Severity.entries,
        "scope" to Scope.entries,
        "subject_kind" to SubjectKind.entries,
        "error_kind" to InputErrorKind.entries,
    )

    @Test
    fun `every vocabulary of the core has an enum here and every enum a vocabulary`() {
        assertEquals(vocabularies().keys.sorted(), enums.keys.sorted())
    }

    @TestFactory
    fun `each enum has exactly the core's words`(): List<DynamicTest> {
        val core = vocabularies()
        return enums.map { (name, members) ->
            dynamicTest(name) {
                val words = core[name] ?: error("the core has no vocabulary $name")
                // Both directions and the order: the lists are equal.
                assertEquals(words, members.map { it.specWord() }, name)
            }
        }
    }
}
