package io.dbbranch.bench.report;

/**
 * A target a benchmark checks its figures against. A missed goal is reported, never thrown: the numbers are
 * the product, and a regression must be visible rather than hidden behind a failed run.
 *
 * @param goal   what was aimed at, e.g. "branch ≥ 20× faster than fresh + migrate + load at 60 MB"
 * @param actual the measured figure, in words
 * @param met    whether it was reached
 */
public record Goal(String goal, String actual, boolean met) {
}
