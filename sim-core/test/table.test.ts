import { describe, expect, it } from "vitest";
import { tabwrite } from "../src/format/table";

describe("tabwrite (Go text/tabwriter: minwidth 10, padding 3)", () => {
  it("pads every column but the last to its widest cell plus 3", () => {
    expect(
      tabwrite([
        ["ID", "HOSTNAME", "STATUS", "AVAILABILITY", "MANAGER STATUS", "ENGINE VERSION"],
        ["nodeID3  ", "node-1-foo", "Ready", "Active", "", "1.13.0"],
        ["nodeID1 *", "node-10-foo", "Ready", "Active", "Leader", "."],
      ]),
    ).toBe(
      "ID          HOSTNAME      STATUS    AVAILABILITY   MANAGER STATUS   ENGINE VERSION\n" +
        "nodeID3     node-1-foo    Ready     Active                          1.13.0\n" +
        "nodeID1 *   node-10-foo   Ready     Active         Leader           .\n",
    );
  });

  it("pads short columns to at least 10 and leaves the last cell as it is", () => {
    expect(tabwrite([["ID", "X"], ["a", "b"]])).toBe("ID        X\na         b\n");
    expect(tabwrite([["A", ""], ["B", ""]])).toBe("A         \nB         \n");
  });
});
