package io.cascade;

/** Entry point; replaced by the command line once the server is wired. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("Cascade");
    }
}
