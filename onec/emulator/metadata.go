package emulator

import "slices"

// buildMetadata writes the EDMX document of the published sets, as 1C's $metadata:
// OData v3, schema StandardODATA, container EnterpriseV8. Tabular sections are complex
// row types (<Set>_RowType). Navigation properties and their associations are left
// out: the reader follows refs by GUID, never by navigation.
func buildMetadata(tables []table) []byte {
	b := []byte(xmlHeader)
	b = append(b, `<edmx:Edmx xmlns:edmx="`+nsEdmx+`" Version="1.0">`+"\n"...)
	b = append(b, `<edmx:DataServices xmlns:m="`+nsMetadata+`" m:DataServiceVersion="3.0" m:MaxDataServiceVersion="3.0">`+"\n"...)
	b = append(b, `<Schema xmlns="`+nsEdm+`" Namespace="StandardODATA">`+"\n"...)
	var rowTypes []string
	for _, t := range tables {
		et := t.entity()
		b = appendEntityType(b, et)
		for _, p := range et.props {
			if p.rows != nil && !slices.Contains(rowTypes, p.rows.name) {
				rowTypes = append(rowTypes, p.rows.name)
				b = appendRowType(b, p.rows)
			}
		}
	}
	b = append(b, `<EntityContainer Name="EnterpriseV8" m:IsDefaultEntityContainer="true">`+"\n"...)
	for _, t := range tables {
		name := t.entity().name
		b = append(b, `<EntitySet Name="`...)
		b = appendXMLText(b, name)
		b = append(b, `" EntityType="StandardODATA.`...)
		b = appendXMLText(b, name)
		b = append(b, "\"/>\n"...)
	}
	return append(b, "</EntityContainer>\n</Schema>\n</edmx:DataServices>\n</edmx:Edmx>\n"...)
}

// appendEntityType appends an EntityType with its key and properties.
func appendEntityType(b []byte, et *entityType) []byte {
	b = append(b, `<EntityType Name="`...)
	b = appendXMLText(b, et.name)
	b = append(b, "\">\n<Key>"...)
	for _, k := range et.keys {
		b = append(b, `<PropertyRef Name="`...)
		b = appendXMLText(b, k)
		b = append(b, `"/>`...)
	}
	b = append(b, "</Key>\n"...)
	b = appendProperties(b, et)
	return append(b, "</EntityType>\n"...)
}

// appendRowType appends the ComplexType of a tabular section's rows.
func appendRowType(b []byte, et *entityType) []byte {
	b = append(b, `<ComplexType Name="`...)
	b = appendXMLText(b, et.name+"_RowType")
	b = append(b, "\">\n"...)
	b = appendProperties(b, et)
	return append(b, "</ComplexType>\n"...)
}

// appendProperties appends the Property elements; keys are not nullable.
func appendProperties(b []byte, et *entityType) []byte {
	for _, p := range et.props {
		b = append(b, `<Property Name="`...)
		b = appendXMLText(b, p.name)
		b = append(b, `" Type="`...)
		if p.rows != nil {
			b = append(b, "Collection(StandardODATA."...)
			b = appendXMLText(b, p.rows.name+"_RowType")
			b = append(b, ')')
		} else {
			b = append(b, edmNames[p.typ]...)
		}
		b = append(b, `" Nullable="`...)
		b = append(b, pick(slices.Contains(et.keys, p.name), "false", "true")...)
		b = append(b, "\"/>\n"...)
	}
	return b
}
