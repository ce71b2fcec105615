import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PageLinks, pagePosition } from "@/components/ui/page-links";

const links = (page: number, pages: number) => {
  const props: Parameters<typeof PageLinks>[0] = { page, pages, href: (target) => `/list?page=${target}`, children: null };
  const html = renderToStaticMarkup(PageLinks(props));
  return [...html.matchAll(/<a [^>]*href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map(([, href, label]) => ({ label, href }));
};

describe("PageLinks", () => {
  it("links the pages on either side of one in the middle", () => {
    expect(links(2, 3)).toEqual([
      { label: "Previous", href: "/list?page=1" },
      { label: "Next", href: "/list?page=3" },
    ]);
  });

  it("has no link before the first page nor after the last", () => {
    expect(links(1, 3)).toEqual([{ label: "Next", href: "/list?page=2" }]);
    expect(links(3, 3)).toEqual([{ label: "Previous", href: "/list?page=2" }]);
    expect(links(1, 1)).toEqual([]);
  });

  it("leads from a page past the last one to the last page, not to the empty page before it", () => {
    expect(links(999, 4)).toEqual([{ label: "Last page", href: "/list?page=4" }]);
    expect(links(5, 4)).toEqual([{ label: "Last page", href: "/list?page=4" }]);
  });
});

describe("pagePosition", () => {
  it("says which page of how many", () => {
    expect(pagePosition(2, 5)).toBe("page 2 of 5");
    expect(pagePosition(1, 1)).toBe("page 1 of 1");
  });

  it("says when a page is past the last one instead of naming another", () => {
    expect(pagePosition(999, 1)).toBe("page 999, past the last (1)");
  });
});
