/** What the pages show of a stream: plain data, nothing else from the API response. */
export interface StreamItem {
  id: string;
  name: string;
  category: string;
}
