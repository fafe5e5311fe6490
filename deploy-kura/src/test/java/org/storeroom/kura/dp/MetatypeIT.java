package org.storeroom.kura.dp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Kura's rules for a component to show in its configuration UI, checked on the bundles in the package:
 * the metatype file is {@code OSGI-INF/metatype/<pid>.xml}, its OCD id and Designate pid equal the PID
 * and the name of a component of the same bundle, that component provides Kura's ConfigurableComponent,
 * and every attribute has a name, a description and a default a person can keep.
 */
class MetatypeIT {
    private static final Path BUNDLES = Path.of(System.getProperty("target.dir", "target")).resolve("dp-bundles");

    @Test
    void everyComponentMetatypeFollowsKurasRules() throws Exception {
        List<String> problems = new ArrayList<>();
        int metatypes = 0;
        try (Stream<Path> s = Files.list(BUNDLES)) {
            for (Path p : s.filter(f -> f.getFileName().toString().matches("(device-bus|gateway|shelf-controller|rfid-bridge|sensor-bundle)-.*\\.jar")).toList()) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    for (Enumeration<JarEntry> en = jar.entries(); en.hasMoreElements(); ) {
                        JarEntry e = en.nextElement();
                        if (!e.getName().startsWith("OSGI-INF/metatype/") || !e.getName().endsWith(".xml")) {
                            continue;
                        }
                        metatypes++;
                        String pid = e.getName().substring("OSGI-INF/metatype/".length(), e.getName().length() - 4);
                        Element ocd = (Element) parse(jar, e).getElementsByTagName("OCD").item(0);
                        Element designate = (Element) parse(jar, e).getElementsByTagName("Designate").item(0);
                        String where = p.getFileName() + " " + pid;
                        if (!pid.equals(ocd.getAttribute("id")) || !pid.equals(designate.getAttribute("pid"))) {
                            problems.add(where + ": OCD id " + ocd.getAttribute("id") + " / Designate pid "
                                    + designate.getAttribute("pid") + " differ from the file name");
                        }
                        JarEntry component = jar.getJarEntry("OSGI-INF/" + pid + ".xml");
                        if (component == null) {
                            problems.add(where + ": no component named " + pid);
                        } else {
                            NodeList provides = parse(jar, component).getElementsByTagName("provide");
                            boolean configurable = false;
                            for (int i = 0; i < provides.getLength(); i++) {
                                configurable |= "org.eclipse.kura.configuration.ConfigurableComponent"
                                        .equals(((Element) provides.item(i)).getAttribute("interface"));
                            }
                            if (!configurable) {
                                problems.add(where + ": component does not provide ConfigurableComponent");
                            }
                        }
                        NodeList ads = ocd.getElementsByTagName("AD");
                        for (int i = 0; i < ads.getLength(); i++) {
                            Element ad = (Element) ads.item(i);
                            String a = where + "." + ad.getAttribute("id");
                            if (ad.getAttribute("name").isBlank() || ad.getAttribute("description").isBlank()) {
                                problems.add(a + ": no name or description");
                            }
                            boolean multi = !ad.getAttribute("cardinality").isEmpty() && !ad.getAttribute("cardinality").equals("0");
                            if (!ad.hasAttribute("default") && !multi) {
                                problems.add(a + ": no default");
                            }
                            if (ad.getAttribute("type").equals("Integer") && (ad.getAttribute("min").isEmpty() || ad.getAttribute("max").isEmpty())) {
                                problems.add(a + ": a number without bounds");
                            }
                        }
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(metatypes).as("configurable components found").isGreaterThanOrEqualTo(3);
    }

    private static Document parse(JarFile jar, JarEntry e) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (InputStream in = jar.getInputStream(e)) {
            return f.newDocumentBuilder().parse(in);
        }
    }
}
