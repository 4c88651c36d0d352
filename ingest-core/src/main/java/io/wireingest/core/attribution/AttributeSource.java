package io.wireingest.core.attribution;

import io.wireingest.core.format.TextBlocks;
import io.wireingest.core.model.AgencyCredit;
import io.wireingest.core.model.AgencyRole;
import io.wireingest.core.model.Attribution;
import io.wireingest.core.model.Contributor;
import io.wireingest.core.model.Dateline;
import io.wireingest.core.model.Story;
import io.wireingest.core.pipeline.ItemContext;
import io.wireingest.core.pipeline.RejectedException;
import io.wireingest.core.pipeline.StageName;
import io.wireingest.core.pipeline.StoryStage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * Reads credit lines (trailing lines of the body, sign-offs glued to the last sentence, a byline standing first, and
 * the structured credit lines readers found), removes them from the body, and fills {@link Story#attribution} and
 * {@link Story#contributors}. The agency chain runs originator → distributor(s) → publisher: {@code Sumber:
 * Yonhap-OANA} in an item whose dateline agency is ANTARA gives Yonhap (originator), OANA (distributor) and ANTARA
 * (publisher). The publisher is the dateline's agency, else the agency of a sign-off, relay or copyright line, else
 * the agency the feed is named after. A party that both wrote and published the story stands once, as originator.
 */
public final class AttributeSource implements StoryStage {
    private static final AgencyDirectory AGENCIES = AgencyDirectory.standard();
    private static final int MAX_TRAILING = 8;
    /** Parsed once: {@code Element.select(String)} parses its query on every call. */
    private static final Evaluator FIGURES = QueryParser.parse("figure, figcaption");

    @Override
    public StageName name() {
        return StageName.ATTRIBUTE;
    }

    /** A desk advisory or a summary bullet above the story (Reuters tops), which a byline may follow. */
    private static final java.util.regex.Pattern TOPS = java.util.regex.Pattern.compile(
            "^(?:\\((?:Adds|Updates|Corrects|Recasts|Repeats|Refiles|Rewrites|Changes|Fixes|Moves|Writes through"
                    + "|Inserts|Removes|Deletes|New throughout|Releads|Re-leads|Advances|Clarifies)\\b[^()]{0,160}\\)$"
                    + "|[*•]\\s+\\S)");

    @Override
    public void apply(Story story, ItemContext context) throws RejectedException {
        List<Credit> credits = new ArrayList<>();
        for (String line : story.creditLines()) {
            Optional<Credit> credit = CreditLines.read(line).or(() -> CreditLines.structuredName(line));
            if (credit.isPresent()) {
                credits.add(credit.get());
            } else if (!line.isBlank()) {
                story.warn("credit not understood: \"" + line.strip() + "\"");
            }
        }
        Element body = story.body();
        Element first = body.children().first();
        for (int i = 0;
                i < 6
                        && first != null
                        && first.normalName().equals("p")
                        && TOPS.matcher(TextBlocks.text(first)).lookingAt();
                i++) {
            // past the desk's tops ("(Adds comments)", "* summary bullet"): the byline stands before the lead
            first = first.nextElementSibling();
        }
        if (first != null && first.normalName().equals("p") && body.children().size() > 1) {
            Optional<Credit> byline = CreditLines.read(TextBlocks.text(first))
                    .filter(c -> c.type() == Credit.Type.BYLINE || c.type() == Credit.Type.CONTRIBUTORS);
            if (byline.isPresent()) {
                credits.add(byline.get());
                first.remove();
            }
        }
        if (story.byline() != null && !story.byline().isBlank()) {
            CreditLines.read(story.byline().strip()).ifPresent(credits::add);
        } else {
            credits.stream()
                    .filter(c -> c.type() == Credit.Type.BYLINE)
                    .findFirst()
                    .ifPresent(c -> story.byline(c.printed()));
        }
        List<Credit> trailing = new ArrayList<>();
        for (int i = 0; i < MAX_TRAILING; i++) {
            Element last = body.children().last();
            if (last == null) {
                break;
            }
            // A byline stands first, not last; and a block that is the whole body stays (it is the story).
            List<Credit> found =
                    last.normalName().equals("figure") || body.children().size() == 1
                            ? List.of()
                            : CreditLines.readAll(TextBlocks.text(last));
            if (found.isEmpty() || found.stream().anyMatch(c -> c.type() == Credit.Type.BYLINE)) {
                break;
            }
            trailing.addAll(0, found);
            last.remove();
        }
        Element last = body.children().last();
        for (int i = 0; i < 3 && last != null && last.normalName().equals("p"); i++) {
            Optional<CreditLines.Tail> tail = CreditLines.tail(TextBlocks.text(last));
            if (tail.isEmpty()) {
                break;
            }
            trailing.add(0, tail.get().credit());
            keepHead(last, tail.get().start());
        }
        credits.addAll(trailing);
        for (Element figure : body.select(FIGURES)) {
            for (String line : figure.text().split("\\s{2,}|(?<=[.)])\\s+(?=[(\\p{Lu}])")) {
                CreditLines.read(line)
                        .filter(c -> c.type() == Credit.Type.PHOTO)
                        .ifPresent(credits::add);
            }
        }

        List<AgencyCredit> chain = chain(story, credits, context);
        // The desk that publishes the story does not cite itself ("according to Reuters calculations" in Reuters
        // copy); an originator the text quotes ("Menurut Xinhua, ..." in ANTARA copy of Xinhua) is cited.
        Set<String> own = new HashSet<>();
        if (!chain.isEmpty()) {
            own.add(chain.get(chain.size() - 1).name());
        }
        if (story.dateline() != null && story.dateline().agency() != null) {
            own.add(story.dateline().agency());
        }
        List<String> paragraphs = new ArrayList<>();
        int n = 0;
        for (Element block : body.children()) {
            paragraphs.add(TextBlocks.text(block));
            if (++n % 256 == 0) {
                context.checkTime();
            }
        }
        List<String> cited = CitedSources.find(
                paragraphs,
                own,
                story.dateline() == null ? null : story.dateline().countryCode());

        Set<String> seen = new LinkedHashSet<>();
        for (Contributor c : story.contributors()) {
            seen.add(c.role() + "\u0000" + c.name());
        }
        for (Credit credit : credits) {
            for (Contributor c : credit.contributors()) {
                if (seen.add(c.role() + "\u0000" + c.name())) {
                    story.contributors().add(c);
                }
            }
        }

        Credit copyright = credits.stream()
                .filter(c -> c.type() == Credit.Type.COPYRIGHT)
                .findFirst()
                .orElse(null);
        String publisher = chain.isEmpty() ? null : chain.get(chain.size() - 1).name();
        String holder = copyright != null
                ? copyright.copyrightHolder()
                : story.copyrightHolder() != null ? story.copyrightHolder() : publisher;
        String notice;
        if (copyright != null) {
            notice = copyright.printed();
        } else if (story.copyrightNotice() != null) {
            notice = story.copyrightNotice();
        } else if (holder != null) {
            notice = "© " + year(story, context) + " " + holder;
        } else {
            notice = null;
        }
        String creditText = credits.stream()
                .filter(c -> c.type() == Credit.Type.SOURCE
                        || c.type() == Credit.Type.RELAY
                        || c.type() == Credit.Type.SIGN_OFF)
                .map(Credit::printed)
                .findFirst()
                .orElse(copyright == null ? null : copyright.printed());
        story.attribution(new Attribution(creditText, chain, cited, holder, notice));
        if (body.children().isEmpty()) {
            story.warn("the body is empty after credits were removed");
        }
    }

    /** Originator → distributors → publisher, from the credits, the dateline and the feed. */
    private static List<AgencyCredit> chain(Story story, List<Credit> credits, ItemContext context) {
        String originator = null;
        List<String> distributors = new ArrayList<>();
        String publisher = null;

        Dateline dateline = story.dateline();
        if (dateline != null
                && dateline.agency() != null
                && AGENCIES.find(dateline.agency()).isPresent()
                && AGENCIES.find(dateline.agency()).get().kind() != AgencyDirectory.Kind.EXCHANGE) {
            publisher = dateline.agency();
        } else if (dateline != null && dateline.agency() != null) {
            String printed = dateline.agency();
            String[] parts = printed.split("\\s*[-/]\\s*");
            if (parts.length > 1) {
                boolean slash = printed.contains("/");
                // "Ant/Xinhua": the publisher relays the second; "Yonhap-OANA", "NNN-BERNAMA": the last one sent it.
                publisher = canonical(slash ? parts[0] : parts[parts.length - 1]);
                for (int i = slash ? 1 : 0; i < (slash ? parts.length : parts.length - 1); i++) {
                    String name = canonical(parts[i]);
                    if (originator == null && !isExchange(name)) {
                        originator = name;
                    } else {
                        distributors.add(name);
                    }
                }
            } else {
                publisher = canonical(printed);
            }
        }
        for (Credit c : credits) {
            switch (c.type()) {
                case SOURCE -> {
                    List<String> names = c.agencies();
                    for (int i = 0; i < names.size(); i++) {
                        String name = names.get(i);
                        if (i == 0 && !isExchange(name) && originator == null) {
                            originator = name;
                        } else if (!name.equals(originator)) {
                            distributors.add(name);
                        }
                    }
                }
                case RELAY -> {
                    if (publisher == null) {
                        publisher = c.agencies().get(0);
                    }
                    if (originator == null) {
                        originator = c.agencies().get(1);
                    }
                }
                case SIGN_OFF, BYLINE, COPYRIGHT, CONTRIBUTORS -> {
                    if (publisher == null && !c.agencies().isEmpty()) {
                        publisher = c.agencies().get(0);
                    }
                }
                default -> {}
            }
        }
        if (publisher == null) {
            publisher = AGENCIES.forFeed(context.raw().feed())
                    .map(AgencyDirectory.Entry::name)
                    .orElse(null);
        }
        List<AgencyCredit> chain = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        if (originator != null) {
            chain.add(new AgencyCredit(originator, AgencyRole.ORIGINATOR));
            placed.add(originator);
        }
        for (String d : distributors) {
            if (!d.equals(publisher) && placed.add(d)) {
                chain.add(new AgencyCredit(d, AgencyRole.DISTRIBUTOR));
            }
        }
        if (publisher != null && placed.add(publisher)) {
            chain.add(new AgencyCredit(publisher, chain.isEmpty() ? AgencyRole.ORIGINATOR : AgencyRole.PUBLISHER));
        }
        return chain;
    }

    private static String canonical(String name) {
        return AGENCIES.canonical(name).orElse(name.strip());
    }

    private static boolean isExchange(String name) {
        return AGENCIES.is(name, AgencyDirectory.Kind.EXCHANGE);
    }

    private static int year(Story story, ItemContext context) {
        Instant reference = story.versionCreated() != null ? story.versionCreated() : context.receivedAt();
        return reference.atOffset(ZoneOffset.UTC).getYear();
    }

    /** Keeps the first {@code end} characters of the paragraph's text (as rendered) and drops the rest. */
    static void keepHead(Element paragraph, int end) {
        String text = TextBlocks.text(paragraph);
        int keep = 0;
        for (int i = 0; i < Math.min(end, text.length()); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                keep++;
            }
        }
        List<TextNode> nodes = new ArrayList<>();
        collect(paragraph, nodes);
        int remaining = keep;
        for (TextNode node : nodes) {
            String s = node.getWholeText();
            if (remaining <= 0) {
                node.text("");
                continue;
            }
            int i = 0;
            while (i < s.length() && remaining > 0) {
                if (!Character.isWhitespace(s.charAt(i))) {
                    remaining--;
                }
                i++;
            }
            node.text(remaining > 0 ? s : s.substring(0, i).stripTrailing());
        }
        for (Element child : new ArrayList<>(paragraph.children())) {
            if (child.text().isBlank() && child.select("img").isEmpty()) {
                child.remove();
            }
        }
        if (paragraph.text().isBlank()) {
            paragraph.remove();
        }
    }

    private static void collect(Node node, List<TextNode> out) {
        for (Node child : node.childNodes()) {
            if (child instanceof TextNode t) {
                out.add(t);
            } else {
                collect(child, out);
            }
        }
    }
}
