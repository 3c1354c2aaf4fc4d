import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An SVG string parsed with Foundation's XMLParser into a flat list of elements, for assertions.
final class SVGDocument: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        /// Text directly inside the element.
        var text: String
        /// Names of the open ancestors, outermost first.
        var ancestors: [String]
        /// Index of the parent in `elements`, if any.
        var parent: Int?
    }

    private(set) var elements: [Element] = []
    private var stack: [Int] = []
    private(set) var parseError: Error?

    /// Parses `svg`; returns nil and keeps the error when the text is not well-formed XML.
    init?(_ svg: String) {
        super.init()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = self
        guard parser.parse() else { return nil }
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        elements.append(Element(name: elementName, attributes: attributes, text: "", ancestors: stack.map { elements[$0].name }, parent: stack.last))
        stack.append(elements.count - 1)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let top = stack.last { elements[top].text += string }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        self.parseError = parseError
    }

    /// Elements with this name and, if given, this `class`.
    func all(_ name: String, class cssClass: String? = nil) -> [Element] {
        elements.filter { $0.name == name && (cssClass == nil || $0.attributes["class"] == cssClass) }
    }

    /// The `<title>` text of the element at `index` in `elements`.
    func title(of element: Element) -> String? {
        guard let index = elements.firstIndex(where: { $0.name == element.name && $0.attributes == element.attributes }) else { return nil }
        return elements.first { $0.name == "title" && $0.parent == index }?.text
    }
}
