package io.cascade.dash;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads MPDs back in tests: the document, elements by name, and the segments a timeline lists. */
public final class MpdTimelines {
    public static final String NS = "urn:mpeg:dash:schema:mpd:2011";

    private MpdTimelines() {
    }

    public static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** Descendants of {@code parent} named {@code name}, in document order. */
    public static List<Element> all(Element parent, String name) {
        NodeList list = parent.getElementsByTagNameNS(NS, name);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    /** (t, d) of every segment a SegmentTemplate's timeline lists, repeats expanded. */
    public static List<long[]> expand(Element template) {
        List<long[]> out = new ArrayList<>();
        long t = 0;
        for (Element s : all(template, "S")) {
            if (s.hasAttribute("t")) {
                t = Long.parseLong(s.getAttribute("t"));
            }
            long d = Long.parseLong(s.getAttribute("d"));
            int repeat = s.hasAttribute("r") ? Integer.parseInt(s.getAttribute("r")) : 0;
            for (int r = 0; r <= repeat; r++) {
                out.add(new long[] {t, d});
                t += d;
            }
        }
        return out;
    }
}
