package dev.tmcp.appstore.release;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mini-app version, {@code MAJOR.MINOR.PATCH} of Semantic Versioning 2.0 without pre-release or
 * build parts: the store orders versions and names the kind of an update (spec 16.8.1) by them.
 */
record Semver(int major, int minor, int patch) implements Comparable<Semver> {

    private static final Pattern FORM = Pattern.compile("(0|[1-9]\\d{0,5})\\.(0|[1-9]\\d{0,5})\\.(0|[1-9]\\d{0,5})");

    /** The kind of change from one version to a newer one, with its wire name. */
    enum UpdateType {
        MAJOR("major"), MINOR("minor"), PATCH("patch");

        final String wire;

        UpdateType(String wire) {
            this.wire = wire;
        }
    }

    /** The version, or an {@link IllegalArgumentException} naming the expected form. */
    static Semver parse(String text) {
        Matcher m = text == null ? null : FORM.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("a version is MAJOR.MINOR.PATCH, e.g. 1.2.0");
        }
        return new Semver(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    static boolean isValid(String text) {
        return text != null && FORM.matcher(text).matches();
    }

    boolean isNewerThan(Semver other) {
        return compareTo(other) > 0;
    }

    /** What kind of update {@code newer} is over this version; only for a newer version. */
    UpdateType updateTo(Semver newer) {
        if (!newer.isNewerThan(this)) {
            throw new IllegalArgumentException(newer + " is not newer than " + this);
        }
        return newer.major != major ? UpdateType.MAJOR : newer.minor != minor ? UpdateType.MINOR : UpdateType.PATCH;
    }

    @Override
    public int compareTo(Semver o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
