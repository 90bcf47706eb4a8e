/** Lines of an order that ask for more than the drink has on hand (approving would be refused). */
export interface StockShortage {
  itemId: string;
  name: string;
  quantity: number;
  onHand: number;
}

export function shortages(
  lines: readonly { itemId: string; name: string; quantity: number }[],
  onHandOf: (itemId: string) => number | undefined,
): StockShortage[] {
  return lines.flatMap((line) => {
    const onHand = onHandOf(line.itemId);
    // Unknown stock (an archived drink) is shown as unknown on the line, not guessed here.
    if (onHand === undefined || line.quantity <= onHand) return [];
    return [{ itemId: line.itemId, name: line.name, quantity: line.quantity, onHand }];
  });
}
