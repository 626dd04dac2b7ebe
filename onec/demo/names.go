package demo

import (
	"math/rand/v2"
	"strings"
)

// Surnames in the masculine form; all end in -ов/-ев/-ёв/-ин, so +а is the feminine.
var surnames = strings.Fields(`Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов
Новиков Фёдоров Морозов Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов
Николаев Орлов Андреев Макаров Никитин Захаров Зайцев Соловьёв Борисов Яковлев Григорьев
Романов Воробьёв Сергеев Кузьмин Фролов Александров Дмитриев Королёв Гусев Киселёв Ильин
Максимов Поляков Сорокин Виноградов Ковалёв Белов Медведев Антонов Тарасов Жуков Баранов
Филиппов Комаров Давыдов Беляев Герасимов Богданов Осипов Сидоров Матвеев Титов Марков
Миронов Крылов Куликов Карпов Власов Мельников Денисов Гаврилов Тихонов Казаков Афанасьев
Данилов Савельев Тимофеев Фомин Чернов Абрамов Мартынов Ефимов Федотов Щербаков Назаров
Калинин Исаев Быков Маслов Родионов Коновалов Лазарев Воронин Климов Филатов Пономарёв
Голубев Кудрявцев Прохоров Наумов Потапов Журавлёв Овчинников Трофимов Леонов Соболев
Ермаков Колесников Гончаров Емельянов Никифоров Грачёв Котов Гришин Ефремов Архипов Громов
Кириллов Малышев Панов Моисеев Румянцев Акимов Кондратьев Бирюков Горбунов Анисимов Галкин
Лукьянов Михеев Скворцов Юдин Белоусов Нестеров Симонов Прокофьев Харитонов Князев Цветков
Левин Воронов Аксёнов Мальцев Логинов Горшков Савин Краснов Майоров Демидов Елисеев Рыбаков
Сафонов Плотников Хохлов Жданов Носов`)

var maleNames = strings.Fields(`Александр Сергей Дмитрий Андрей Алексей Максим Евгений Иван
Михаил Артём Владимир Николай Игорь Павел Роман Олег Денис Константин Виктор Юрий Антон
Илья Кирилл Вадим Григорий Станислав Руслан Леонид Борис Георгий`)

var femaleNames = strings.Fields(`Елена Ольга Наталья Татьяна Ирина Светлана Анна Мария Екатерина
Юлия Марина Анастасия Галина Людмила Надежда Оксана Валентина Ксения Дарья Виктория Алла
Вера Любовь Евгения Полина Алёна Софья Кристина Лариса Нина`)

// Patronymics, masculine and feminine, index by index.
var (
	malePatronymics = strings.Fields(`Александрович Сергеевич Дмитриевич Андреевич Алексеевич
Владимирович Николаевич Иванович Михайлович Петрович Викторович Юрьевич Евгеньевич Олегович
Игоревич Анатольевич Васильевич Павлович Геннадьевич Борисович`)
	femalePatronymics = strings.Fields(`Александровна Сергеевна Дмитриевна Андреевна Алексеевна
Владимировна Николаевна Ивановна Михайловна Петровна Викторовна Юрьевна Евгеньевна Олеговна
Игоревна Анатольевна Васильевна Павловна Геннадьевна Борисовна`)
)

// Company names: single words, or a prefix and a suffix joined like СтройСервис.
var (
	companyWords = strings.Fields(`Ромашка Вектор Альянс Меридиан Гранит Континент Горизонт
Феникс Импульс Прогресс Восход Радуга Сфера Орион Атлант Гарант Лидер Партнёр Стандарт
Магистраль Престиж Эталон Квант Монолит Надежда Волга Сибирь Ладога Аврора Вега`)
	companyPrefixes = strings.Fields(`Строй Торг Техно Агро Мед Энерго Авто Пром Снаб Эко Металл
Электро Инфо Транс Хим Лес Мега Евро Нева Урал`)
	companySuffixes = strings.Fields(`Сервис Снаб Комплект Маркет Групп Инвест Лайн Трейд Мир
Пласт Ресурс Строй Системы Логистик Поставка Центр Холдинг Опт`)
	companyTails = []string{"", "", "", "", " Плюс", "-М", "-Юг", " и К", "-2000", " Северо-Запад"}
	companyHeads = []string{"", "", "", "", "", "", "ТД ", "ТК ", "ПКФ ", "НПО "}
)

// person is a full name in the Russian order: surname, name, patronymic.
type person struct {
	surname, name, patronymic string
}

// randomPerson draws a man or a woman with a name and patronymic.
func randomPerson(r *rand.Rand) person {
	p := person{surname: surnames[r.IntN(len(surnames))]}
	k := r.IntN(len(malePatronymics))
	if r.IntN(2) == 0 {
		p.name, p.patronymic = maleNames[r.IntN(len(maleNames))], malePatronymics[k]
		return p
	}
	p.surname += "а"
	p.name, p.patronymic = femaleNames[r.IntN(len(femaleNames))], femalePatronymics[k]
	return p
}

// String is the name as 1C writes it: Иванов Сергей Петрович.
func (p person) String() string {
	return p.surname + " " + p.name + " " + p.patronymic
}

// randomCompany draws a company name without its legal form: ТД СтройСервис Плюс.
func randomCompany(r *rand.Rand) (name, core string) {
	core = companyWords[r.IntN(len(companyWords))]
	if r.IntN(3) > 0 {
		core = companyPrefixes[r.IntN(len(companyPrefixes))] + companySuffixes[r.IntN(len(companySuffixes))]
	}
	head := companyHeads[r.IntN(len(companyHeads))]
	tail := companyTails[r.IntN(len(companyTails))]
	return head + core + tail, core
}

// translit spells Russian text in lower-case Latin letters for e-mail addresses.
func translit(s string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(s) {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b.WriteRune(c)
		case c >= 'а' && c <= 'я' || c == 'ё':
			b.WriteString(latin[c])
		}
	}
	return b.String()
}

// latin is the transliteration of each Cyrillic letter.
var latin = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh",
	'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts",
	'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu",
	'я': "ya",
}
