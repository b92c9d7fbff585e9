package dev.gauntlet.harness.observe;

/**
 * One reading of a child process's footprint, from {@code /proc}: a line of {@code resources.jsonl}.
 *
 * @param part    {@code gateway}, {@code backend api-0}, ...
 * @param rssKib  resident set size (VmRSS)
 * @param threads number of threads
 * @param fds     open file descriptors
 */
public record ResourceSample(long tUs, String part, long pid, long rssKib, int threads, int fds) {
}
