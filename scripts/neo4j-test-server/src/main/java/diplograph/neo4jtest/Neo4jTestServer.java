package diplograph.neo4jtest;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingValueParsers;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.graphdb.Transaction;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Neo4j 5.26 Community, embedded, with only the Bolt connector on 127.0.0.1.
 *
 * <p>Prints exactly one line, {@code BOLT_URI=bolt://127.0.0.1:PORT}, to stdout once clients
 * can connect; everything else (Neo4j's log, errors) goes to stderr. Runs until stdin reaches
 * end-of-file or the JVM gets SIGTERM/SIGINT, then shuts the DBMS down and deletes its
 * temporary store.
 *
 * <p>{@code admin ARGS...} runs neo4j-admin with ARGS instead (the import tool
 * of the same Maven artifacts), for a home named by NEO4J_HOME.
 *
 * <p>Options (command-line flag, else environment variable, else default):
 * <ul>
 *   <li>{@code --port N} / NEO4J_TEST_PORT: Bolt port; 0 (default) picks a free one.
 *   <li>{@code --password PW} / NEO4J_TEST_PASSWORD: when non-empty, auth is on and user
 *       {@code neo4j} has this password; when empty or unset, auth is off.
 *   <li>{@code --pagecache SIZE} / NEO4J_TEST_PAGECACHE: page cache, e.g. 256m (default).
 *   <li>{@code --data-dir DIR} / NEO4J_TEST_DATA_DIR: keep the DBMS home here instead of a
 *       temporary directory (which is deleted on exit); DIR is never deleted, and a later
 *       start on it (after a clean stop or a kill) finds the data again.
 *   <li>{@code --no-stdin} / NEO4J_TEST_WATCH_STDIN=0: do not stop at end of stdin (for
 *       running with stdin from /dev/null); stop with SIGTERM instead.
 * </ul>
 */
public final class Neo4jTestServer {
    private static final String HOST = "127.0.0.1";

    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile DatabaseManagementService dbms;
    private volatile Log4jLogProvider logProvider;
    private Path home;
    private boolean deleteHome;

    public static void main(String[] args) {
        // "admin ARGS..." runs neo4j-admin (org.neo4j.cli.AdminTool, in the same
        // Maven artifacts) instead of a server, e.g. "admin database import full ...",
        // with NEO4J_HOME naming the home a server's --data-dir will later open.
        if (args.length > 0 && args[0].equals("admin")) {
            org.neo4j.cli.AdminTool.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        // Nothing but the BOLT_URI line may reach stdout: hand System.out to stderr.
        PrintStream stdout = System.out;
        System.setOut(System.err);

        Options opts;
        try {
            opts = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("neo4j-test-server: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }

        Neo4jTestServer server = new Neo4jTestServer();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "neo4j-test-server-shutdown"));
        int port;
        try {
            port = server.start(opts);
        } catch (Throwable t) {
            System.err.println("neo4j-test-server: failed to start Neo4j:");
            t.printStackTrace(System.err);
            server.stop();
            System.exit(1);
            return;
        }

        stdout.println("BOLT_URI=bolt://" + HOST + ":" + port);
        stdout.flush();

        if (opts.watchStdin) {
            drain(System.in);
            System.err.println("neo4j-test-server: stdin closed, shutting down");
            System.exit(0); // runs the shutdown hook
        }
        try {
            Thread.currentThread().join(); // until SIGTERM/SIGINT
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int start(Options opts) throws IOException {
        long t0 = System.nanoTime();
        if (opts.dataDir != null) {
            home = Path.of(opts.dataDir).toAbsolutePath();
            Files.createDirectories(home);
        } else {
            home = Files.createTempDirectory("neo4j-test-server-");
            deleteHome = true;
        }

        boolean auth = !opts.password.isEmpty();
        logProvider = new Log4jLogProvider(System.err, Level.WARN);
        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                .setUserLogProvider(logProvider)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, opts.port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, opts.port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(GraphDatabaseSettings.pagecache_memory, opts.pagecache)
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.preallocate_store_files, false)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, auth)
                // Bolt's defaults wait 5s of quiet on each of two Netty event loop groups
                // at shutdown; a test server has nothing to drain.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(5))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(5));
        if (auth) {
            builder.setConfig(GraphDatabaseSettings.auth_minimum_password_length, 1)
                    // Tests try wrong passwords on purpose: never lock the user out.
                    .setConfig(GraphDatabaseSettings.auth_max_failed_attempts, 0);
        }
        dbms = builder.build();
        long tBuilt = System.nanoTime();

        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (auth) {
            // The initial user neo4j has password "neo4j" that must be changed before use.
            // Embedded transactions run with full rights, so set the real one directly.
            GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
            try (Transaction tx = system.beginTx()) {
                tx.execute("ALTER USER neo4j SET PLAINTEXT PASSWORD $pw CHANGE NOT REQUIRED",
                        Map.of("pw", opts.password)).close();
                tx.commit();
            } catch (QueryExecutionException e) {
                // A store kept by --data-dir from an earlier start already has this password;
                // Neo4j refuses to set a password to itself.
                if (opts.dataDir == null || !String.valueOf(e.getMessage()).contains("Old password and new password cannot be the same")) {
                    throw e;
                }
            }
        }
        // Check the default database answers before announcing it.
        try (Transaction tx = db.beginTx()) {
            tx.execute("RETURN 1").close();
            tx.commit();
        }

        HostnamePort bolt = ((GraphDatabaseAPI) db).getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT);
        if (bolt == null) {
            throw new IllegalStateException("Bolt connector did not register a port");
        }
        System.err.printf("neo4j-test-server: Neo4j started in %.1fs (DBMS %.1fs), bolt on %s:%d, auth %s, home %s%n",
                (System.nanoTime() - t0) / 1e9, (tBuilt - t0) / 1e9, HOST, bolt.getPort(), auth ? "on" : "off", home);
        return bolt.getPort();
    }

    private void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        DatabaseManagementService d = dbms;
        if (d != null) {
            try {
                d.shutdown();
            } catch (Throwable t) {
                System.err.println("neo4j-test-server: error during shutdown: " + t);
            }
        }
        if (logProvider != null) {
            logProvider.close();
        }
        if (deleteHome && home != null) {
            try {
                deleteTree(home);
            } catch (IOException e) {
                System.err.println("neo4j-test-server: could not delete " + home + ": " + e);
            }
        }
    }

    private static void drain(InputStream in) {
        byte[] buf = new byte[4096];
        try {
            while (in.read(buf) >= 0) {
                // Input is ignored; only its end matters.
            }
        } catch (IOException e) {
            // Treat a broken stdin like a closed one.
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static final class Options {
        static final String USAGE = "usage: java -jar neo4j-test-server.jar [--port N] [--password PW]"
                + " [--pagecache SIZE] [--data-dir DIR] [--no-stdin]";

        int port;
        String password;
        long pagecache;
        String dataDir;
        boolean watchStdin;

        static Options parse(String[] args) {
            Map<String, String> env = System.getenv();
            String port = env.getOrDefault("NEO4J_TEST_PORT", "0");
            String password = env.getOrDefault("NEO4J_TEST_PASSWORD", "");
            String pagecache = env.getOrDefault("NEO4J_TEST_PAGECACHE", "256m");
            String dataDir = env.get("NEO4J_TEST_DATA_DIR");
            boolean watchStdin = !"0".equals(env.get("NEO4J_TEST_WATCH_STDIN"));
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--port" -> port = value(args, ++i, a);
                    case "--password" -> password = value(args, ++i, a);
                    case "--pagecache" -> pagecache = value(args, ++i, a);
                    case "--data-dir" -> dataDir = value(args, ++i, a);
                    case "--no-stdin" -> watchStdin = false;
                    case "-h", "--help" -> {
                        System.err.println(USAGE);
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + a);
                }
            }
            Options o = new Options();
            try {
                o.port = port.isEmpty() ? 0 : Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad port " + port);
            }
            if (o.port < 0 || o.port > 65535) {
                throw new IllegalArgumentException("bad port " + port);
            }
            try {
                o.pagecache = SettingValueParsers.BYTES.parse(pagecache);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad page cache size " + pagecache);
            }
            o.password = password;
            o.dataDir = dataDir == null || dataDir.isEmpty() ? null : dataDir;
            o.watchStdin = watchStdin;
            return o;
        }

        private static String value(String[] args, int i, String flag) {
            if (i >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return args[i];
        }
    }

    private Neo4jTestServer() {}
}
