package org.contact755

import java.time.Instant
import java.util.concurrent.Callable
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/**
 * A panic in Rust reaches Kotlin as UniFFI's `InternalException`, never as an abort of the JVM,
 * and the library stays usable afterwards.
 *
 * `Policy.panicForTest(entry)` exists only in a library built with the cargo feature
 * `test-hooks` and in the Kotlin generated from it (scripts/test-kotlin.sh builds both into
 * target/kotlin-test/test-hooks and runs this class with the Maven profile `test-hooks`); the
 * checked-in bindings and the libraries apps ship do not have it. The panic happens inside the
 * exported method, after its arguments were lifted, so it unwinds through the scaffolding's
 * `catch_unwind` like any unexpected panic of the core would.
 */
class PanicTest {
    private val shift = WorksheetHeader("DDW-160317-V300", "V300", "2016-03-17", Assignment.FIELD, "La Mirada")

    /** Input with data that must not surface in the error: a citizen's description, ids. */
    private val secret = "Mrs Q. Citizen, 12 Elm Street, 555-0100"
    private val entry = Entry(
        id = "E-SECRET-4711", at = Instant.parse("2016-03-17T17:05:00Z"), activity = Activity.SELF_INITIATED,
        clearanceCodes = listOf("415"), contact = Contact(Category.OTHER, cardProvided = false, description = secret),
    )

    private val dataset = """{"period": {"start": "2016-03-17", "end": "2016-03-17"},
        "personnel": [{"id": "D100", "role": "deputy"}],
        "worksheets": [{"id": "W1", "personnel_id": "D100", "date": "2016-03-17", "assignment": "field",
          "area": "Norwalk", "entries": [{"id": "E1", "at": "2016-03-17T09:12:00-07:00", "activity": "obs",
          "clearance_codes": ["415"], "contact": {"category": "resident", "card_provided": false}}]}]}"""

    private fun panicOnce(policy: Policy): InternalException {
        val e = assertThrows<InternalException> { policy.panicForTest(entry) }
        // The hook's panic message quotes the entry's id and contact; the library's guard
        // replaces it with its fixed message before UniFFI hands it over.
        assertEquals("contact755 internal error (a bug in contact755, not a problem with the input)", e.message)
        for (data in listOf(secret, "Elm Street", entry.id, shift.id, "E-SECRET")) {
            assertFalse(e.message!!.contains(data), "the message carries input data: ${e.message}")
            assertFalse(e.toString().contains(data), e.toString())
        }
        return e
    }

    @Test
    fun `a panic is an InternalException whose message carries no input`() {
        Policy.norwalk2016().use { policy ->
            val e = panicOnce(policy)
            assertEquals(InternalException::class.java, e.javaClass)
            assertFalse(Contact755Exception::class.java.isInstance(e), "a panic is not one of the binding's typed errors")
            // Input that the conversion rejects is still a typed error, raised before the panic.
            val bad = assertThrows<Contact755Exception.InvalidInput> { policy.panicForTest(entry.copy(at = Instant.MAX)) }
            assertEquals("entry.at", bad.path)
        }
    }

    @Test
    fun `the policy and the library stay usable after panics`() {
        Policy.norwalk2016().use { policy ->
            val expectedCheck = policy.checkEntry(shift, entry)
            val expectedReport = policy.auditJson(dataset)
            val expectedAudit = policy.audit(dataset)
            assertEquals(listOf("FP-CARD", "FP-CODE-755").sorted(), expectedCheck.map { it.rule }.sorted())
            repeat(20) {
                panicOnce(policy)
                // right after each panic, the same object gives the normal results
                assertEquals(expectedCheck, policy.checkEntry(shift, entry))
                assertEquals(expectedReport, policy.auditJson(dataset))
                assertEquals(expectedAudit, policy.audit(dataset))
                policy.forWorksheet(shift).use { assertEquals(expectedCheck, it.checkEntry(entry)) }
            }
            assertEquals(policy.settings(), Policy.fromJson(policy.toJson()).use { it.settings() })
            assertEquals(18, rules().size)
        }
        // New objects after the panics work as before, and the panicked one was released normally.
        val policy = Policy.norwalk2016()
        panicOnce(policy)
        policy.close()
        assertThrows<IllegalStateException> { policy.panicForTest(entry) }
    }

    @Test
    fun `panics on several threads at once leave every thread's results intact`() {
        Policy.norwalk2016().use { policy ->
            val expectedCheck = policy.checkEntry(shift, entry)
            val expectedReport = policy.auditJson(dataset)
            val pool = Executors.newFixedThreadPool(8)
            try {
                val outcomes = (0 until 8).map {
                    pool.submit(Callable {
                        var panics = 0
                        repeat(10) {
                            try {
                                policy.panicForTest(entry)
                            } catch (e: InternalException) {
                                if (e.message == "contact755 internal error (a bug in contact755, not a problem with the input)") panics++
                            }
                            check(policy.checkEntry(shift, entry) == expectedCheck)
                            check(policy.auditJson(dataset) == expectedReport)
                        }
                        panics
                    })
                }.map { it.get(120, TimeUnit.SECONDS) }
                assertEquals(List(8) { 10 }, outcomes)
            } finally {
                pool.shutdown()
            }
            assertEquals(expectedCheck, policy.checkEntry(shift, entry))
        }
    }
}
