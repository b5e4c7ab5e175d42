import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Sends one recorded TLS ClientHello on each of N connections and never finishes a handshake, then
 * times a real TLS login while they are held, and reports the relay's CPU over the flood. The login
 * comes from another loopback address (127.0.0.2), as a real user's would: the flood's own address
 * is held to its handshake rate. Usage: java scripts/TlsHelloFlood.java HOST PORT COUNT [RELAY_PID]
 */
public class TlsHelloFlood {

	public static void main(String[] args) throws Exception {
		String host = args[0];
		int port = Integer.parseInt(args[1]);
		int count = Integer.parseInt(args[2]);
		long pid = (args.length > 3) ? Long.parseLong(args[3]) : -1;
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, new TrustManager[] { new TrustAll() }, null);
		long quiet = Long.MAX_VALUE;
		for (int i = 0; i < 30; i++) { // warms up this client's own TLS code, so that it measures the relay
			quiet = Math.min(quiet, login(context, host, port));
		}
		byte[] hello = clientHello(context, host, port);
		long cpuBefore = cpuTicks(pid);
		long start = System.nanoTime();
		List<Socket> stalled = new ArrayList<>();
		int refused = 0;
		for (int i = 0; i < count; i++) {
			Socket socket = new Socket();
			socket.connect(new InetSocketAddress(host, port), 5000);
			socket.setSoTimeout(30_000);
			socket.getOutputStream().write(hello);
			stalled.add(socket);
		}
		long loginNanos = login(context, host, port);
		int answered = 0;
		for (Socket socket : stalled) {
			try {
				if (socket.getInputStream().read() == 0x16) {
					answered++;
				}
				else {
					refused++;
				}
			}
			catch (java.io.IOException ex) {
				refused++;
			}
		}
		double floodSeconds = (System.nanoTime() - start) / 1e9;
		long cpuAfter = cpuTicks(pid);
		System.out.printf("stalled hellos: %d sent, %d answered with a server flight, %d closed/refused, in %.2f s%n",
				count, answered, refused, floodSeconds);
		System.out.printf("real TLS login (connect to welcome) during the flood: %.1f ms (without: %.1f ms)%n",
				loginNanos / 1e6, quiet / 1e6);
		if (pid > 0) {
			System.out.printf("relay CPU over the flood: %.2f s%n", (cpuAfter - cpuBefore) / 100.0);
		}
		for (Socket socket : stalled) {
			socket.close();
		}
	}

	/** Connect, handshake, prompt, name, welcome: the time a user waits. */
	static long login(SSLContext context, String host, int port) throws Exception {
		long start = System.nanoTime();
		Socket plain = new Socket();
		plain.bind(new InetSocketAddress("127.0.0.2", 0));
		plain.connect(new InetSocketAddress(host, port), 5000);
		long connected = System.nanoTime();
		try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true)) {
			socket.setSoTimeout(30_000);
			socket.startHandshake();
			long handshaken = System.nanoTime();
			BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			String prompt = in.readLine();
			socket.getOutputStream().write(("probe" + System.nanoTime() % 100000 + "\n").getBytes(StandardCharsets.UTF_8));
			String welcome = in.readLine();
			if (prompt == null || welcome == null || !welcome.contains("welcome")) {
				throw new IllegalStateException("login failed: " + prompt + " / " + welcome);
			}
			long end = System.nanoTime();
			if (System.getenv("LOGIN_PHASES") != null) {
				System.out.printf("  login phases: connect %.1f ms, TLS handshake %.1f ms, prompt to welcome %.1f ms%n",
						(connected - start) / 1e6, (handshaken - connected) / 1e6, (end - handshaken) / 1e6);
			}
			return end - start;
		}
	}

	static byte[] clientHello(SSLContext context, String host, int port) throws Exception {
		SSLEngine engine = context.createSSLEngine(host, port);
		engine.setUseClientMode(true);
		ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
		engine.wrap(ByteBuffer.allocate(0), out);
		out.flip();
		byte[] hello = new byte[out.remaining()];
		out.get(hello);
		return hello;
	}

	/** utime + stime of the process, in ticks of 10 ms. */
	static long cpuTicks(long pid) throws Exception {
		if (pid <= 0) {
			return 0;
		}
		String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

	static final class TrustAll implements X509TrustManager {

		public void checkClientTrusted(X509Certificate[] chain, String authType) {
		}

		public void checkServerTrusted(X509Certificate[] chain, String authType) {
		}

		public X509Certificate[] getAcceptedIssuers() {
			return new X509Certificate[0];
		}

	}

}
