import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.TimeZone;

/**
 * A MongoDB-wire server for Anju's tests and demo.
 * Usage: java -cp 'lib/*' src/MongoTestServer.java [--h2 FILE] [--port N]
 * Prints one line "listening 127.0.0.1:PORT" once ready; stops when stdin closes (its parent died) or on SIGTERM.
 */
public class MongoTestServer {
  /** The current Node driver refuses wire version 8 (what the library reports by default), so report 4.4 / 9. */
  enum Mongo44 implements MongoVersion {
    INSTANCE;
    public List<Integer> getVersionArray() { return List.of(4, 4, 0); }
    public int getWireVersion() { return 9; }
  }

  public static void main(String[] args) throws Exception {
    TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    String h2File = null;
    int port = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--h2" -> h2File = args[++i];
        case "--port" -> port = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    MongoBackend backend = h2File == null ? new MemoryBackend() : new H2Backend(h2File);
    backend.version(Mongo44.INSTANCE);
    MongoServer server = new MongoServer(backend);
    server.bind("127.0.0.1", port);
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
    InetSocketAddress address = server.getLocalAddress();
    System.out.println("listening 127.0.0.1:" + address.getPort());
    System.out.flush();
    while (System.in.read() != -1) {
      // keep reading until the parent closes our stdin
    }
    System.exit(0);
  }
}
