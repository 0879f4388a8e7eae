package org.contact755

import com.fasterxml.jackson.core.JsonFactory
import com.fasterxml.jackson.core.JsonParser
import com.fasterxml.jackson.core.JsonToken

/**
 * A small JSON reader for the tests, on Jackson's streaming parser: [parse] gives plain Kotlin
 * values (maps keep key order, integers are `Long`). The tests read reports with it; the
 * conformance vectors are read by the core's judge (`ConformanceVector`).
 */
object Json {
    private val factory = JsonFactory()

    fun parse(text: String): Any? =
        factory.createParser(text).use { p ->
            p.nextToken()
            val value = read(p)
            check(p.nextToken() == null) { "trailing content after the JSON value" }
            value
        }

    private fun read(p: JsonParser): Any? =
        when (p.currentToken()) {
            JsonToken.START_OBJECT -> {
                val map = LinkedHashMap<String, Any?>()
                while (p.nextToken() != JsonToken.END_OBJECT) {
                    val key = p.currentName()
                    p.nextToken()
                    map[key] = read(p)
                }
                map
            }
            JsonToken.START_ARRAY -> {
                val list = ArrayList<Any?>()
                while (p.nextToken() != JsonToken.END_ARRAY) list.add(read(p))
                list
            }
            JsonToken.VALUE_STRING -> p.text
            JsonToken.VALUE_NUMBER_INT -> p.longValue
            JsonToken.VALUE_NUMBER_FLOAT -> p.doubleValue
            JsonToken.VALUE_TRUE -> true
            JsonToken.VALUE_FALSE -> false
            JsonToken.VALUE_NULL -> null
            else -> error("unexpected JSON token ${p.currentToken()}")
        }
}
