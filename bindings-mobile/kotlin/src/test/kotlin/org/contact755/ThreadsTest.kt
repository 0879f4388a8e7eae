package org.contact755

import java.time.Instant
import java.util.concurrent.Callable
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** One `Policy` shared by several threads gives every thread the same results. */
class ThreadsTest {
    @Test
    fun `one policy and one worksheet checker shared by eight threads`() {
        val dataset = if (Paths.sampleMonth.isFile) Paths.sampleMonth.readText() else SMALL_DATASET
        val shift = WorksheetHeader("W1", "V300", "2016-03-17", Assignment.FIELD, "Norwalk")
        val entries = (0 until 50).map { i ->
            Entry(
                id = "E$i",
                at = Instant.parse("2016-03-17T16:00:00Z").plusSeconds(60L * i),
                activity = Activity.entries[i % Activity.entries.size],
                clearanceCodes = if (i % 3 == 0) listOf("415") else listOf("755"),
                contact = if (i % 5 == 0) null else Contact(Category.entries[i % Category.entries.size], i % 7 != 0, "neutral note $i"),
            )
        }
        Policy.fromJson("""{"min_contacts_per_shift": 2}""").use { policy ->
            val expectedReport = policy.auditJson(dataset)
            val expectedChecks = entries.map { policy.checkEntry(shift, it) }
            assertTrue(expectedChecks.any { it.isNotEmpty() })

            val pool = Executors.newFixedThreadPool(8)
            val checker = policy.forWorksheet(shift)
            try {
                val results = (0 until 8).map { t ->
                    pool.submit(Callable {
                        val checks = (0 until 4).flatMap { entries.map { e -> policy.checkEntry(shift, e) } }
                        val checked = entries.map { checker.checkEntry(it) } + checker.checkEntries(entries)
                        Triple(policy.auditJson(dataset), policy.audit(dataset), checks to checked)
                    })
                }.map { it.get(120, TimeUnit.SECONDS) }
                val typed = results.first().second
                for ((report, record, checks) in results) {
                    assertEquals(expectedReport, report)
                    assertEquals(typed, record)
                    assertEquals(expectedChecks + expectedChecks + expectedChecks + expectedChecks, checks.first)
                    assertEquals(expectedChecks + expectedChecks, checks.second)
                }
            } finally {
                pool.shutdown()
                checker.close()
            }
        }
    }

    private companion object {
        const val SMALL_DATASET = """{"period": {"start": "2016-03-01", "end": "2016-03-31"},
            "personnel": [{"id": "D100", "role": "deputy"}, {"id": "S200", "role": "sergeant"}],
            "worksheets": [{"id": "W1", "personnel_id": "D100", "date": "2016-03-17",
              "assignment": "field", "area": "Norwalk", "entries": []}]}"""
    }
}
