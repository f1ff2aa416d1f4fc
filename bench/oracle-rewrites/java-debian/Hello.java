// Uses java.sql and java.net.http (outside java.base) so a runtime missing them fails.
public class Hello {
    public static void main(String[] args) throws Exception {
        java.sql.Timestamp t = new java.sql.Timestamp(0);
        var client = java.net.http.HttpClient.newHttpClient();
        System.out.println("hello from java " + Runtime.version().feature() + " " + t.getTime() + " " + (client != null));
    }
}
