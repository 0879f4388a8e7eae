package org.contact755

import java.time.Instant
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** `policy.forWorksheet(header)`: the check prepared once per worksheet gives what `checkEntry` gives. */
class CheckerTest {
    private val shift = WorksheetHeader(
        id = "DDW-160317-V300", personnelId = "V300", date = "2016-03-17",
        assignment = Assignment.FIELD, area = "La Mirada",
        shiftStart = Instant.parse("2016-03-17T15:00:00Z"), shiftEnd = Instant.parse("2016-03-17T23:00:00Z"),
    )

    private val headers = listOf(
        shift,
        shift.copy(shiftStart = null, shiftEnd = null),
        shift.copy(area = "Cerritos"),
        shift.copy(assignment = Assignment.NON_FIELD, area = null),
        shift.copy(assignment = Assignment.NON_FIELD, area = "Norwalk"),
    )

    /** Clean entries, every entry-level finding, and some the core rejects. */
    private val entries: List<Entry> = (0 until 60).map { i ->
        Entry(
            id = "E$i",
            at = Instant.parse("2016-03-17T14:00:00Z").plusSeconds(600L * i),
            activity = Activity.entries[i % Activity.entries.size],
            clearanceCodes = when (i % 6) {
                0 -> listOf("755")
                1 -> listOf("415")
                2 -> listOf("755", "415")
                3 -> listOf("755", "7-55", "755")
                4 -> listOf()
                else -> listOf(" 755 ")
            },
            contact = if (i % 5 == 0) null else Contact(Category.entries[i % Category.entries.size], i % 7 != 0, "neutral note $i"),
        )
    } + listOf(
        Entry("E\n1", Instant.parse("2016-03-17T16:00:00Z"), Activity.STATION, listOf("755"), null),
        Entry("E61", Instant.MAX, Activity.STATION, listOf("755"), null),
        Entry("E62", Instant.parse("2016-03-17T16:00:00Z"), Activity.SELF_INITIATED, listOf("755"), Contact(Category.OTHER, true, "  ")),
    )

    /** The findings, or the rejection's kind and path. */
    private fun outcome(check: () -> List<Finding>): Any =
        try {
            check()
        } catch (e: Contact755Exception.InvalidInput) {
            Pair(e.kind, e.path)
        }

    @Test
    fun `checker checkEntry and checkEntries give what policy checkEntry gives`() {
        Policy.norwalk2016().use { policy ->
            var findings = 0
            var rejected = 0
            for (h in headers) {
                policy.forWorksheet(h).use { checker ->
                    val valid = ArrayList<Entry>()
                    for (e in entries) {
                        val expected = outcome { policy.checkEntry(h, e) }
                        assertEquals(expected, outcome { checker.checkEntry(e) }, "${h.area} ${e.id}")
                        if (expected is List<*>) { valid += e; findings += expected.size } else rejected++
                    }
                    assertEquals(valid.map { policy.checkEntry(h, it) }, checker.checkEntries(valid))
                }
            }
            assertTrue(findings > 50 && rejected == 3 * headers.size, "$findings findings, $rejected rejections")
            policy.forWorksheet(shift).use { assertEquals(emptyList<List<Finding>>(), it.checkEntries(emptyList())) }
        }
    }

    @Test
    fun `a rejected header rejects every check of its checker`() {
        Policy.norwalk2016().use { policy ->
            for ((header, path) in listOf(
                shift.copy(date = "2016-02-30") to "worksheet.date",
                shift.copy(shiftEnd = Instant.MIN) to "worksheet.shift_end",
                shift.copy(id = "") to "worksheet.id",
                shift.copy(area = null) to "worksheet",
            )) {
                policy.forWorksheet(header).use { checker ->  // never throws
                    val one = assertThrows<Contact755Exception.InvalidInput> { checker.checkEntry(entries[0]) }
                    assertEquals(path, one.path)
                    assertEquals(outcome { policy.checkEntry(header, entries[0]) }, Pair(one.kind, one.path))
                    val batch = assertThrows<Contact755Exception.InvalidInput> { checker.checkEntries(entries.take(3)) }
                    assertEquals(path, batch.path)
                }
            }
        }
    }

    @Test
    fun `a rejected entry rejects the batch with its index in the path`() {
        Policy.norwalk2016().use { policy ->
            policy.forWorksheet(shift).use { checker ->
                val ok = entries.take(3)
                val late = assertThrows<Contact755Exception.InvalidInput> { checker.checkEntries(ok + entries[61] + ok) }
                assertEquals("entries[3].at", late.path)
                assertEquals(InputErrorKind.INVALID_VALUE, late.kind)
                assertTrue(late.toString().startsWith("entries[3].at: "), late.toString())
                val id = assertThrows<Contact755Exception.InvalidInput> { checker.checkEntries(listOf(entries[60])) }
                assertEquals("entries[0].id", id.path)
                val other = assertThrows<Contact755Exception.InvalidInput> { checker.checkEntries(ok + ok + entries[62]) }
                assertEquals("entries[6].contact", other.path)
                // the single check keeps the core's path
                assertEquals("entry.contact", assertThrows<Contact755Exception.InvalidInput> { checker.checkEntry(entries[62]) }.path)
            }
        }
    }

    @Test
    fun `a checker keeps its policy alive and is released with use`() {
        val policy = Policy.fromJson("""{"covered_areas": ["Cerritos"]}""")
        val checker = policy.forWorksheet(shift.copy(area = "Cerritos", shiftStart = null, shiftEnd = null))
        policy.close()
        assertThrows<IllegalStateException> { policy.checkEntry(shift, entries[1]) }
        checker.use { assertEquals(listOf("FP-CODE-755"), it.checkEntry(entries[1]).map { f -> f.rule }) }
        assertThrows<IllegalStateException> { checker.checkEntry(entries[1]) }
    }
}
