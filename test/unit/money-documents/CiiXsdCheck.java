// Validates XML files against an XML Schema with the JDK's own validator (no extra jar); run as a single-file
// source program: `java CiiXsdCheck.java schema.xsd a.xml [b.xml ...]`. Prints one line per file; exit 1 if any is invalid.
import java.io.File;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

public class CiiXsdCheck {
  public static void main(String[] args) throws Exception {
    Schema schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(new File(args[0]));
    int invalid = 0;
    for (int i = 1; i < args.length; i++) {
      try {
        schema.newValidator().validate(new StreamSource(new File(args[i])));
        System.out.println(args[i] + ": valid (XSD)");
      } catch (Exception e) {
        invalid++;
        System.out.println(args[i] + ": invalid (XSD): " + e.getMessage());
      }
    }
    System.exit(invalid == 0 ? 0 : 1);
  }
}
