package org.contact755

import java.time.Instant
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.assertThrows

/**
 * The bad-input matrix of issue 5 through the binding, one dynamic test per case: a typed
 * [Contact755Exception.InvalidInput] naming the path (or a documented acceptance), never a
 * crash, and the library keeps working afterwards.
 */
class BadInputTest {
    private val valid = """{"period": {"start": "2016-03-14", "end": "2016-03-20"},
 "personnel": [{"id": "D100", "role": "deputy"}],
 "worksheets": [{"id": "W1", "personnel_id": "D100", "date": "2016-03-17", "assignment": "non_field",
   "entries": [{"id": "E1", "at": "2016-03-17T09:12:00-07:00", "activity": "station", "clearance_codes": ["755"]}]}]}"""

    private fun with(from: String, to: String): String {
        assertTrue(valid.contains(from), from)
        return valid.replaceFirst(from, to)
    }

    private fun checks(cards: String) = valid.replaceFirst(
        "\"worksheets\"",
        "\"vehicle_checks\": [{\"id\": \"C1\", \"vehicle_id\": \"V\", \"date\": \"2016-03-14\", \"cards_on_hand\": $cards}], \"worksheets\"",
    )

    /** A case: the dataset text, the expected kind (null: any) and path (null: any). */
    private data class Case(val name: String, val text: () -> String, val kind: InputErrorKind?, val path: String?)

    private val deep = "[".repeat(100_000) + "]".repeat(100_000)

    private val cases = listOf(
        Case("empty document", { "" }, InputErrorKind.SYNTAX, ""),
        Case("null", { "null" }, InputErrorKind.INVALID_TYPE, ""),
        Case("invalid JSON", { with("\"deputy\"}]", "\"deputy\"]") }, InputErrorKind.SYNTAX, ""),
        Case("byte-order mark", { "\uFEFF" + valid }, InputErrorKind.SYNTAX, ""),
        Case("nesting 100 000 levels", { deep }, InputErrorKind.INVALID_TYPE, ""),
        Case("nesting 100 000 levels in a field", { with("[\"755\"]", deep) }, InputErrorKind.INVALID_TYPE, "worksheets[0].entries[0].clearance_codes[0]"),
        Case("a 100 MB id", { with("\"W1\"", "\"" + "x".repeat(100 * 1024 * 1024) + "\"") }, InputErrorKind.INVALID_VALUE, "worksheets[0].id"),
        Case("number beyond 64 bits", { checks("18446744073709551616") }, null, "vehicle_checks[0].cards_on_hand"),
        Case("negative number", { checks("-1") }, InputErrorKind.INVALID_VALUE, "vehicle_checks[0].cards_on_hand"),
        Case("number out of any range", { checks("1e400") }, InputErrorKind.SYNTAX, ""),
        Case("NaN", { with("[\"755\"]", "NaN") }, InputErrorKind.SYNTAX, ""),
        Case("Infinity", { with("[\"755\"]", "Infinity") }, InputErrorKind.SYNTAX, ""),
        Case("duplicate key", { with("\"id\": \"E1\",", "\"id\": \"E1\", \"id\": \"E2\",") }, InputErrorKind.DUPLICATE_KEY, "worksheets[0].entries[0]"),
        Case("id of 65 characters", { with("\"E1\"", "\"" + "E".repeat(65) + "\"") }, InputErrorKind.INVALID_VALUE, "worksheets[0].entries[0].id"),
        Case("year beyond 9999", { with("2016-03-17T09:12:00-07:00", "+10000-01-01T00:00:00Z") }, InputErrorKind.INVALID_VALUE, "worksheets[0].entries[0].at"),
        Case("offset of 24 hours", { with("2016-03-17T09:12:00-07:00", "2016-03-17T09:12:00+24:00") }, InputErrorKind.INVALID_VALUE, "worksheets[0].entries[0].at"),
        Case("2016-02-30", { with("\"2016-03-17\"", "\"2016-02-30\"") }, InputErrorKind.INVALID_VALUE, "worksheets[0].date"),
        // Dates run from year 0001 (SPEC §2): year 0000 is rejected, in a date and a timestamp.
        Case("a date in year 0000", { with("\"2016-03-17\"", "\"0000-03-17\"") }, InputErrorKind.INVALID_VALUE, "worksheets[0].date"),
        Case("a timestamp in year 0000", { with("2016-03-17T09:12:00-07:00", "0000-12-31T23:59:59+23:59") }, InputErrorKind.INVALID_VALUE, "worksheets[0].entries[0].at"),
        // A word of the wrong JSON type is a type error at its path, not a syntax error.
        Case("a role that is a number", { with("\"role\": \"deputy\"", "\"role\": 3") }, InputErrorKind.INVALID_TYPE, "personnel[0].role"),
        Case("an activity that is a list", { with("\"station\"", "[\"station\"]") }, InputErrorKind.INVALID_TYPE, "worksheets[0].entries[0].activity"),
    )

    @TestFactory
    fun `every bad input is a typed error with its path`(): List<DynamicTest> = cases.map { case ->
        dynamicTest(case.name) {
            Policy.norwalk2016().use { policy ->
                val error = assertThrows<Contact755Exception.InvalidInput> { policy.audit(case.text()) }
                case.kind?.let { assertEquals(it, error.kind, error.toString()) }
                case.path?.let { assertEquals(it, error.path, error.toString()) }
                assertTrue(error.detail.length < 500, "the message stays short")
                // Still usable afterwards.
                assertEquals(0, policy.audit(valid).findings.size)
            }
        }
    }

    @Test
    fun `checkEntry rejects a worksheet date in year 0000`() {
        val header = WorksheetHeader(id = "W1", personnelId = "D100", date = "0000-03-17", assignment = Assignment.NON_FIELD)
        val entry = Entry(id = "E1", at = Instant.parse("2016-03-17T16:12:00Z"), activity = Activity.STATION, clearanceCodes = listOf("755"))
        Policy.norwalk2016().use { policy ->
            val e = assertThrows<Contact755Exception.InvalidInput> { policy.checkEntry(header, entry) }
            assertEquals("worksheet.date", e.path)
            assertEquals(InputErrorKind.INVALID_VALUE, e.kind)
            assertEquals("worksheet.date", assertThrows<Contact755Exception.InvalidInput> { policy.forWorksheet(header).use { it.checkEntry(entry) } }.path)
            assertEquals(emptyList<Finding>(), policy.checkEntry(header.copy(date = "0001-01-01"), entry))
        }
    }

    @TestFactory
    fun `documented acceptances`(): List<DynamicTest> = listOf(
        dynamicTest("u64::MAX cards") { Policy.norwalk2016().use { it.audit(checks("18446744073709551615")) } },
        dynamicTest("timestamps at the edges of four-digit years") {
            Policy.norwalk2016().use { policy ->
                for (ts in listOf("0001-01-01T00:00:00+23:59", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999-23:59")) {
                    policy.audit(with("2016-03-17T09:12:00-07:00", ts))
                }
            }
        },
        // A JVM String cannot hold invalid UTF-8. A lone surrogate is refused by the generated
        // code's strict UTF-8 encoder before anything reaches Rust: a CharacterCodingException
        // (a java.io.IOException), and the policy stays usable.
        dynamicTest("a lone surrogate is refused on the JVM side") {
            Policy.norwalk2016().use { policy ->
                assertThrows<java.nio.charset.CharacterCodingException> { policy.audit(with("\"W1\"", "\"W\uD800\"")) }
                assertEquals(0, policy.audit(valid).findings.size)
            }
        },
    )
}
